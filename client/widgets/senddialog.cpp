#include <widgets/senddialog.h>

#include <widgets/formatting.h>
#include <widgets/layouthelpers.h>

#include <bitcoin/address.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace wp::gui {

namespace {

QString networkText(btc::Network network)
{
    switch (network) {
    case btc::Network::Main: return SendDialog::tr("mainnet");
    case btc::Network::Test: return SendDialog::tr("testnet");
    case btc::Network::Regtest: return SendDialog::tr("regtest");
    }
    return {};
}

} // namespace

SendDialog::SendDialog(btc::Network network, const client::FeePresets &presets, btc::Amount available, QWidget *parent)
    : QDialog(parent), m_network(network), m_available(available)
{
    m_availableLabel = new QLabel(this);
    m_addressLabel = new QLabel(this);
    m_address = new QLineEdit(this);
    m_address->setInputMethodHints(Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase | Qt::ImhPreferLatin);
    m_addressLabel->setBuddy(m_address);
    m_addressStatus = new QLabel(this);
    m_addressStatus->setWordWrap(true);
    m_addressStatus->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_amountLabel = new QLabel(this);
    m_amount = new QLineEdit(this);
    m_amount->setInputMethodHints(Qt::ImhFormattedNumbersOnly);
    m_amountLabel->setBuddy(m_amount);
    m_sendAll = new QCheckBox(this);
    m_feeLabel = new QLabel(this);
    m_fee = new FeeChooser(presets, client::SpendBuilder::kMinFeeRate, client::SpendBuilder::kMaxFeeRate, this);
    m_feeLabel->setBuddy(m_fee);
    m_previewTitle = new QLabel(this);
    QFont bold = m_previewTitle->font();
    bold.setBold(true);
    m_previewTitle->setFont(bold);
    m_previewForm = new QFormLayout;
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_buttons = new QDialogButtonBox(this);
    m_send = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    // Enter in a field must not send.
    m_send->setAutoDefault(false);
    m_cancel->setAutoDefault(false);
    m_send->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_preview && draft())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &SendDialog::updatePreview);
    connect(m_address, &QLineEdit::textChanged, this, &SendDialog::onEdited);
    connect(m_amount, &QLineEdit::textChanged, this, &SendDialog::onEdited);
    connect(m_sendAll, &QCheckBox::toggled, this, [this](bool all) {
        m_amount->setEnabled(!all);
        onEdited();
    });
    connect(m_fee, &FeeChooser::changed, this, &SendDialog::onEdited);

    auto *amountRow = new QHBoxLayout;
    amountRow->addWidget(m_amount, 1);
    amountRow->addWidget(m_sendAll);
    auto *form = new QFormLayout;
    form->addRow(m_addressLabel, m_address);
    form->addRow(m_amountLabel, amountRow);
    form->addRow(m_feeLabel, m_fee);
    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(m_availableLabel);
    layout->addLayout(form);
    // Wrapped notes below the form: QFormLayout does not grow rows for wrapped text.
    layout->addWidget(m_addressStatus);
    layout->addWidget(m_fee->note());
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_previewTitle);
    layout->addLayout(m_previewForm);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setTabOrder(m_address, m_amount);
    setTabOrder(m_amount, m_sendAll);
    setTabOrder(m_sendAll, m_fee->combo());
    setTabOrder(m_fee->combo(), m_fee->customEdit());
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 36);
    retranslateUi();
}

void SendDialog::setPreviewer(Previewer previewer)
{
    m_previewer = std::move(previewer);
    updatePreview();
}

void SendDialog::setFeePresets(const client::FeePresets &presets)
{
    m_fee->setPresets(presets);
}

QString SendDialog::addressProblem() const
{
    const QString text = m_address->text().trimmed();
    if (text.isEmpty())
        return {};
    const auto address = btc::Address::fromString(text, btc::networkParams(m_network));
    if (address) {
        if (address->type() == btc::AddressType::WitnessUnknown)
            return tr("This address uses a future segwit version this wallet does not send to.");
        return {};
    }
    for (btc::Network other : {btc::Network::Main, btc::Network::Test, btc::Network::Regtest})
        if (other != m_network && btc::Address::fromString(text, btc::networkParams(other)))
            return tr("This is a %1 address; this wallet is on %2.").arg(networkText(other), networkText(m_network));
    return tr("Not a valid bitcoin address: %1").arg(address.error().message);
}

QString SendDialog::formProblem() const
{
    if (m_address->text().trimmed().isEmpty())
        return tr("Enter the destination address.");
    if (const QString a = addressProblem(); !a.isEmpty())
        return a;
    if (!m_sendAll->isChecked()) {
        const auto amount = parseBtc(m_amount->text());
        if (m_amount->text().trimmed().isEmpty())
            return tr("Enter an amount, or tick \"Send all\".");
        if (!amount || *amount <= 0)
            return tr("The amount is not a number of bitcoin with at most 8 decimals.");
        if (*amount < client::SpendBuilder::kDustLimit)
            return tr("The amount is below the dust limit (%1).").arg(formatSats(client::SpendBuilder::kDustLimit));
        if (*amount > m_available)
            return tr("The amount is more than the %1 available.").arg(formatBtc(m_available));
    }
    const btc::Amount rate = m_fee->rate();
    if (rate < client::SpendBuilder::kMinFeeRate || rate > client::SpendBuilder::kMaxFeeRate)
        return tr("The fee rate must be between %1 and %2 sat/vB.")
            .arg(client::SpendBuilder::kMinFeeRate)
            .arg(client::SpendBuilder::kMaxFeeRate);
    return {};
}

std::optional<SendDraft> SendDialog::draft() const
{
    if (!formProblem().isEmpty())
        return std::nullopt;
    SendDraft d;
    d.address = m_address->text().trimmed();
    d.sendAll = m_sendAll->isChecked();
    d.amount = d.sendAll ? 0 : *parseBtc(m_amount->text());
    d.feeChoice = m_fee->choice();
    d.feeRate = m_fee->rate();
    return d;
}

void SendDialog::onEdited()
{
    m_addressStatus->setText(addressProblem());
    m_addressStatus->setVisible(!m_addressStatus->text().isEmpty());
    // A stale preview must never be confirmed.
    m_preview.reset();
    m_send->setEnabled(false);
    m_debounce.start();
    showPreview();
}

void SendDialog::updatePreview()
{
    m_debounce.stop();
    m_preview.reset();
    m_previewError.clear();
    if (const auto d = draft(); d && m_previewer) {
        auto result = m_previewer(*d);
        if (result)
            m_preview = *result;
        else
            m_previewError = result.error().message;
    }
    m_send->setEnabled(m_preview.has_value());
    showPreview();
}

void SendDialog::showPreview()
{
    while (m_previewForm->rowCount() > 0)
        m_previewForm->removeRow(0);
    auto addRow = [this](const QString &label, const QString &value) {
        auto *text = new QLabel(value, this);
        text->setTextFormat(Qt::PlainText);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_previewForm->addRow(new QLabel(label, this), text);
    };
    if (m_preview) {
        const client::SpendPreview &p = *m_preview;
        addRow(tr("Recipient gets:"), formatBtc(p.amount));
        addRow(tr("To:"), p.address);
        addRow(tr("Miner fee:"), tr("%1 (%2 sat/vB, about %3 vB)").arg(formatBtc(p.fee)).arg(p.feeRate).arg(p.vsize));
        if (p.change > 0)
            addRow(tr("Change:"), tr("%1 back to the postmix account").arg(formatBtc(p.change)));
        else if (p.changeAddedToFee > 0)
            addRow(tr("Change:"), tr("none (%1 too small to keep, added to the fee)").arg(formatSats(p.changeAddedToFee)));
        else
            addRow(tr("Change:"), tr("none"));
        addRow(tr("Coins spent:"), tr("%1 (%2)").arg(p.nbInputs).arg(formatBtc(p.totalInputs)));
        m_status->setText(tr("Check the address on the device you got it from before you send."));
        m_status->setStyleSheet(QString());
    } else if (!m_previewError.isEmpty()) {
        m_status->setText(m_previewError);
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else {
        const QString problem = formProblem();
        m_status->setText(problem == addressProblem() && !problem.isEmpty() ? QString() : problem);
        m_status->setStyleSheet(QString());
    }
    m_previewTitle->setVisible(m_preview.has_value());
    growToContents(this);
}

void SendDialog::retranslateUi()
{
    setWindowTitle(tr("Send mixed coins"));
    m_availableLabel->setText(tr("Available in postmix: %1").arg(formatBtc(m_available)));
    m_addressLabel->setText(tr("&Pay to:"));
    m_address->setPlaceholderText(tr("bitcoin address"));
    m_amountLabel->setText(tr("&Amount (BTC):"));
    m_amount->setPlaceholderText(formatBtc(0, QLocale(), false));
    m_sendAll->setText(tr("Send a&ll"));
    m_sendAll->setToolTip(tr("Send every mixed coin, minus the fee, with no change"));
    m_feeLabel->setText(tr("&Fee:"));
    m_previewTitle->setText(tr("This transaction will:"));
    m_send->setText(tr("&Sign and send"));
    m_cancel->setText(tr("Cancel"));
    onEdited();
}

void SendDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wp::gui
