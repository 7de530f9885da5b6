#include <widgets/tx0previewdialog.h>

#include <widgets/accountswidget.h>
#include <widgets/formatting.h>

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace wp::gui {

Tx0PreviewDialog::Tx0PreviewDialog(const client::Tx0Preview &preview, const proto::PoolInfo &pool, btc::Amount feeRate,
                                   QWidget *parent)
    : QDialog(parent), m_preview(preview), m_pool(pool), m_feeRate(feeRate), m_changeAccount(QStringLiteral("deposit"))
{
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignLeft);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_buttons = new QDialogButtonBox(this);
    m_confirm = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    // Enter must not spend by accident.
    m_confirm->setAutoDefault(false);
    m_cancel->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(m_title);
    layout->addLayout(m_form);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_warning);
    layout->addWidget(m_note);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 34);
    retranslateUi();
}

void Tx0PreviewDialog::setChangeAccount(const QString &account)
{
    m_changeAccount = account;
    retranslateUi();
}

btc::Amount Tx0PreviewDialog::totalFees() const
{
    return m_preview.feeValue + m_preview.tx0MinerFee + m_preview.mixMinerFee();
}

double Tx0PreviewDialog::feePercent() const
{
    return m_preview.totalInputs > 0 ? 100.0 * double(totalFees()) / double(m_preview.totalInputs) : 0.0;
}

bool Tx0PreviewDialog::warnsHighFees() const { return feePercent() > kHighFeePercent; }

void Tx0PreviewDialog::retranslateUi()
{
    setWindowTitle(tr("Tx0 preview"));
    m_title->setText(tr("Split your deposit into coins for the pool %1").arg(m_pool.poolId));
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    auto addRow = [this](const QString &label, const QString &value, const QString &toolTip = {}) {
        auto *name = new QLabel(label, this);
        auto *text = new QLabel(value, this);
        text->setTextFormat(Qt::PlainText);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        name->setToolTip(toolTip);
        text->setToolTip(toolTip);
        m_form->addRow(name, text);
    };
    const client::Tx0Preview &p = m_preview;
    addRow(tr("Pool:"), tr("%1 (coins of %2)").arg(m_pool.poolId, formatBtc(m_pool.denomination)));
    addRow(tr("Spent from deposit:"), formatBtc(p.totalInputs));
    addRow(tr("Premix coins:"), tr("%1 × %2 = %3").arg(p.nbPremix).arg(formatBtc(p.premixValue), formatBtc(p.premixTotal())),
           tr("Each coin is the pool's denomination plus its share of the miner fee of its first mix."));
    addRow(tr("Reserved for first-mix miner fees:"),
           tr("%1 (%2 per coin)").arg(formatBtc(p.mixMinerFee()), formatSats(p.premixMinerFee)));
    if (p.feeValue > 0)
        addRow(tr("Pool fee:"), formatBtc(p.feeValue), tr("Paid once to the coordinator; remixes are free."));
    else
        addRow(tr("Pool fee:"), tr("none (a decoy output of %1 returns to your wallet)").arg(formatBtc(p.feeChange)));
    addRow(tr("Tx0 miner fee:"), tr("%1 (%2 sat/vB, about %3 vB)")
                                     .arg(formatBtc(p.tx0MinerFee))
                                     .arg(m_feeRate)
                                     .arg(p.tx0Vsize));
    if (p.change > 0)
        addRow(tr("Change:"), tr("%1 to %2").arg(formatBtc(p.change), AccountsWidget::accountName(m_changeAccount)));
    else
        addRow(tr("Change:"), tr("none"));
    addRow(tr("Total fees:"), tr("%1 (%2 % of the amount spent)")
                                  .arg(formatBtc(totalFees()))
                                  .arg(QLocale().toString(feePercent(), 'f', 2)));
    m_warning->setText(tr("Fees are more than %1 % of the amount: a larger deposit or a lower fee rate costs less.")
                           .arg(QLocale().toString(kHighFeePercent, 'f', 0)));
    m_warning->setVisible(warnsHighFees());
    m_note->setText(tr("Once the Tx0 confirms, the premix coins join the pool and mix by themselves. The change is "
                       "linked to the coins you spent: keep it apart from mixed coins."));
    m_confirm->setText(tr("&Confirm and send"));
    m_cancel->setText(tr("Cancel"));
}

void Tx0PreviewDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wp::gui
