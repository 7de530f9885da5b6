#pragma once

#include <QDialog>
#include <QString>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace wp::gui {

class PasswordFields;

/// Restores a wallet from its BIP39 words: the mnemonic is checked as it is
/// typed (btc::validateMnemonic: word count, unknown word with its position,
/// checksum) and explained in plain words; an optional passphrase; the block
/// height the wallet was created at, if known (scanning starts there); the
/// wallet file password typed twice with a strength hint. "Restore" is enabled
/// only when everything is valid; the caller reads the values after accept()
/// and restores asynchronously. Retranslates itself on QEvent::LanguageChange.
class RestoreWalletDialog : public QDialog {
    Q_OBJECT
public:
    explicit RestoreWalletDialog(QWidget *parent = nullptr);

    /// The words, normalized (lower case, single spaces).
    QString mnemonic() const;
    QString passphrase() const;
    /// The block height to scan from, or -1 when unknown (the caller picks a safe default).
    int birthdayHeight() const;
    QString password() const;

    /// Why the mnemonic is not valid (translated), empty when it is.
    QString mnemonicProblem() const;
    /// True when "Restore" is enabled.
    bool isComplete() const;
    /// The first problem of the form (translated), empty when complete.
    QString problem() const;

    QPlainTextEdit *mnemonicEdit() const { return m_mnemonic; }
    QLineEdit *passphraseEdit() const { return m_passphrase; }
    QSpinBox *birthdayEdit() const { return m_birthday; }
    PasswordFields *passwordFields() const { return m_password; }
    QPushButton *restoreButton() const { return m_restore; }

    /// Checks @p mnemonic as the dialog does. Returns: the problem in plain words
    /// (translated), empty when valid.
    static QString checkMnemonic(const QString &mnemonic);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void refresh();

    QLabel *m_intro = nullptr;
    QLabel *m_mnemonicLabel = nullptr;
    QPlainTextEdit *m_mnemonic = nullptr;
    QLabel *m_mnemonicStatus = nullptr;
    QLabel *m_passphraseLabel = nullptr;
    QLineEdit *m_passphrase = nullptr;
    QLabel *m_birthdayLabel = nullptr;
    QSpinBox *m_birthday = nullptr;
    PasswordFields *m_password = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_restore = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace wp::gui
