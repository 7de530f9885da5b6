#include <widgets/receivedialog.h>

#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace wp::gui {

ReceiveDialog::ReceiveDialog(btc::Network network, QWidget *parent) : QDialog(parent), m_network(network)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_address = new QLineEdit(this);
    m_address->setReadOnly(true);
    m_address->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_intro->setBuddy(m_address);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_next = new QLabel(this);
    m_next->setWordWrap(true);
    m_buttons = new QDialogButtonBox(this);
    m_copy = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_newAddress = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_close = m_buttons->addButton(QDialogButtonBox::Close);
    m_copy->setEnabled(false);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(address());
        m_copied = true;
        retranslateUi();
    });
    connect(m_newAddress, &QPushButton::clicked, this, &ReceiveDialog::newAddressRequested);

    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(m_intro);
    layout->addWidget(m_address);
    layout->addWidget(m_status);
    layout->addWidget(m_next);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(m_address->fontMetrics().horizontalAdvance(QLatin1Char('m')) * 66);
    retranslateUi();
}

void ReceiveDialog::setAddress(const QString &address)
{
    m_address->setText(address);
    m_address->selectAll();
    m_copy->setEnabled(!address.isEmpty());
    m_copied = false;
    m_status->setStyleSheet(QString());
    retranslateUi();
}

void ReceiveDialog::setError(const QString &message)
{
    m_address->clear();
    m_copy->setEnabled(false);
    m_copied = false;
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(message);
}

QString ReceiveDialog::address() const { return m_address->text(); }

void ReceiveDialog::retranslateUi()
{
    setWindowTitle(tr("Receive"));
    QString network;
    switch (m_network) {
    case btc::Network::Main: network = tr("Send only bitcoin (mainnet) to this &address:"); break;
    case btc::Network::Test: network = tr("Send only testnet bitcoin to this &address:"); break;
    case btc::Network::Regtest: network = tr("Send only regtest bitcoin to this &address:"); break;
    }
    m_intro->setText(network);
    if (!m_address->text().isEmpty())
        m_status->setText(m_copied ? tr("Copied to the clipboard.") : QString());
    m_next->setText(tr("The coins show up in the Deposit account. Once they have a confirmation, a Tx0 (Mixing → Tx0) "
                       "turns them into premix coins, which mix by themselves. Each payer should get a new address."));
    m_copy->setText(tr("&Copy"));
    m_newAddress->setText(tr("&New address"));
    m_close->setText(tr("Close"));
}

void ReceiveDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wp::gui
