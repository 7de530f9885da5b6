#include <widgets/unlockdialog.h>

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMetaMethod>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace wp::gui {

UnlockDialog::UnlockDialog(const QString &walletName, QWidget *parent) : QDialog(parent), m_walletName(walletName)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    m_passwordLabel = new QLabel(this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText);
    m_passwordLabel->setBuddy(m_password);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // busy
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    m_buttons = new QDialogButtonBox(this);
    m_unlock = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_unlock->setDefault(true);
    m_unlock->setEnabled(false);
    connect(m_password, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_unlock->setEnabled(!text.isEmpty() && !m_busy); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UnlockDialog::onUnlock);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(m_passwordLabel, m_password);
    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 36);
    retranslateUi();
}

void UnlockDialog::onUnlock()
{
    if (m_busy || m_password->text().isEmpty())
        return;
    if (!isSignalConnected(QMetaMethod::fromSignal(&UnlockDialog::unlockRequested))) {
        accept();
        return;
    }
    m_error->hide();
    setBusy(true);
    Q_EMIT unlockRequested(m_password->text());
}

void UnlockDialog::finishUnlock(const QString &error)
{
    setBusy(false);
    if (error.isEmpty()) {
        m_password->clear();
        accept();
        return;
    }
    m_error->setText(error);
    m_error->show();
    m_password->clear();
    m_password->setFocus();
}

QString UnlockDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

void UnlockDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_password->setEnabled(!busy);
    m_unlock->setEnabled(!busy && !m_password->text().isEmpty());
}

void UnlockDialog::retranslateUi()
{
    setWindowTitle(tr("Unlock wallet"));
    m_intro->setText(tr("Type the password of the wallet \"%1\".").arg(m_walletName));
    m_passwordLabel->setText(tr("&Password:"));
    m_progress->setAccessibleName(tr("Checking the password"));
    m_unlock->setText(tr("&Unlock"));
    m_cancel->setText(tr("Cancel"));
}

void UnlockDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wp::gui
