#include <widgets/restorewalletdialog.h>

#include <widgets/passwordfields.h>

#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace wp::gui {

RestoreWalletDialog::RestoreWalletDialog(QWidget *parent) : QDialog(parent)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_mnemonicLabel = new QLabel(this);
    m_mnemonic = new QPlainTextEdit(this);
    m_mnemonic->setTabChangesFocus(true);
    m_mnemonic->setInputMethodHints(Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase | Qt::ImhSensitiveData);
    m_mnemonic->setMaximumHeight(fontMetrics().lineSpacing() * 4 + fontMetrics().height());
    m_mnemonicLabel->setBuddy(m_mnemonic);
    m_mnemonicStatus = new QLabel(this);
    m_mnemonicStatus->setWordWrap(true);
    m_passphraseLabel = new QLabel(this);
    m_passphrase = new QLineEdit(this);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphraseLabel->setBuddy(m_passphrase);
    m_birthdayLabel = new QLabel(this);
    m_birthday = new QSpinBox(this);
    m_birthday->setRange(0, 100'000'000);
    m_birthday->setGroupSeparatorShown(true);
    m_birthdayLabel->setBuddy(m_birthday);
    m_password = new PasswordFields(this);

    m_buttons = new QDialogButtonBox(this);
    m_restore = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_restore->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isComplete())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_mnemonic, &QPlainTextEdit::textChanged, this, &RestoreWalletDialog::refresh);
    connect(m_password, &PasswordFields::changed, this, &RestoreWalletDialog::refresh);

    auto *form = new QFormLayout;
    form->addRow(m_mnemonicLabel, m_mnemonic);
    form->addRow(QString(), m_mnemonicStatus);
    form->addRow(m_passphraseLabel, m_passphrase);
    form->addRow(m_birthdayLabel, m_birthday);
    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_password);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setTabOrder(m_mnemonic, m_passphrase);
    setTabOrder(m_passphrase, m_birthday);
    setTabOrder(m_birthday, m_password->passwordEdit());
    setTabOrder(m_password->passwordEdit(), m_password->repeatEdit());
    retranslateUi();
}

QString RestoreWalletDialog::checkMnemonic(const QString &mnemonic)
{
    const QStringList words = btc::splitMnemonic(mnemonic.toLower());
    if (words.isEmpty())
        return tr("Type the 12 to 24 recovery words, separated by spaces.");
    for (int i = 0; i < words.size(); ++i)
        if (btc::bip39WordIndex(words[i]) < 0)
            return tr("Word %1 (\"%2\") is not a BIP39 English word: check its spelling.").arg(i + 1).arg(words[i]);
    const auto valid = btc::validateMnemonic(words.join(QLatin1Char(' ')));
    if (valid)
        return {};
    switch (btc::HdError(valid.error().code)) {
    case btc::HdError::BadWordCount:
        return tr("%1 words typed: a recovery phrase has 12, 15, 18, 21 or 24 words.").arg(words.size());
    case btc::HdError::BadChecksum:
        return tr("Every word is known, but the checksum does not match: a word is wrong or two are swapped.");
    default:
        return valid.error().message;
    }
}

QString RestoreWalletDialog::mnemonic() const
{
    return btc::splitMnemonic(m_mnemonic->toPlainText().toLower()).join(QLatin1Char(' '));
}

QString RestoreWalletDialog::passphrase() const { return m_passphrase->text(); }

int RestoreWalletDialog::birthdayHeight() const { return m_birthday->value() > 0 ? m_birthday->value() : -1; }

QString RestoreWalletDialog::password() const { return m_password->password(); }

QString RestoreWalletDialog::mnemonicProblem() const { return checkMnemonic(m_mnemonic->toPlainText()); }

QString RestoreWalletDialog::problem() const
{
    const QString words = mnemonicProblem();
    return words.isEmpty() ? m_password->problem() : words;
}

bool RestoreWalletDialog::isComplete() const { return problem().isEmpty(); }

void RestoreWalletDialog::refresh()
{
    const QString text = m_mnemonic->toPlainText();
    const QString words = mnemonicProblem();
    if (text.trimmed().isEmpty()) {
        m_mnemonicStatus->setText(QString());
    } else if (words.isEmpty()) {
        m_mnemonicStatus->setText(tr("Valid recovery phrase (%1 words).").arg(btc::splitMnemonic(text).size()));
        m_mnemonicStatus->setStyleSheet(QStringLiteral("color: #1b8a3a;"));
    } else {
        m_mnemonicStatus->setText(words);
        m_mnemonicStatus->setStyleSheet(QStringLiteral("color: #b00020;"));
    }
    // The password's problems are shown under its fields (PasswordFields).
    m_restore->setEnabled(isComplete());
}

void RestoreWalletDialog::retranslateUi()
{
    setWindowTitle(tr("Restore wallet"));
    m_intro->setText(tr("Type the recovery words of an existing wallet. The app then scans the chain for its coins."));
    m_mnemonicLabel->setText(tr("Recovery &words:"));
    m_passphraseLabel->setText(tr("Pa&ssphrase:"));
    m_passphrase->setPlaceholderText(tr("only if the wallet has one"));
    m_birthdayLabel->setText(tr("Created at &block:"));
    m_birthday->setSpecialValueText(tr("unknown (scan from the start of Whirlpool)"));
    m_birthday->setToolTip(tr("The block height when the wallet was created, if you know it: scanning starts there "
                              "and ends sooner."));
    m_restore->setText(tr("&Restore"));
    m_cancel->setText(tr("Cancel"));
    refresh();
}

void RestoreWalletDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wp::gui
