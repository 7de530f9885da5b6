#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace wp::gui {

class PasswordFields;

/// Creates a wallet in three steps:
/// 1. shows a freshly generated 12-word BIP39 mnemonic (128 bits from the
///    system CSPRNG, btc::entropyToMnemonic) and asks the user to write it down;
/// 2. asks for three of the words at random positions (proves they were written down);
/// 3. an optional BIP39 passphrase (typed twice, with what it means), and the
///    wallet file password typed twice with a strength hint.
/// "Create" accepts the dialog; the caller reads mnemonic(), passphrase() and
/// password() and creates the wallet asynchronously. Back returns to earlier steps.
/// Keyboard: every field has a mnemonic label; Enter moves on.
/// Retranslates itself on QEvent::LanguageChange.
class NewWalletDialog : public QDialog {
    Q_OBJECT
public:
    enum Page { WordsPage, ConfirmPage, PasswordPage };

    /// Generates the mnemonic.
    explicit NewWalletDialog(QWidget *parent = nullptr);
    ~NewWalletDialog() override;

    /// The 12 words, single spaces.
    QString mnemonic() const { return m_mnemonic; }
    /// The BIP39 passphrase, empty when none was chosen.
    QString passphrase() const;
    QString password() const;
    /// The 1-based word positions asked for on the confirmation step, ascending.
    QList<int> confirmationPositions() const { return m_positions; }

    Page page() const;
    /// Moves to the next step (as the Next button): refuses, with errorText()
    /// set, when the current step is not complete. On the last step, accepts.
    /// Returns: true if it moved on (or accepted).
    bool next();
    /// Moves one step back (no-op on the first step).
    void back();
    /// Why the last next() refused (translated), empty otherwise.
    QString errorText() const;

    QLineEdit *confirmationEdit(int i) const { return m_confirm.value(i); }
    QCheckBox *writtenDownCheck() const { return m_writtenDown; }
    QCheckBox *usePassphraseCheck() const { return m_usePassphrase; }
    QLineEdit *passphraseEdit() const { return m_passphrase; }
    QLineEdit *passphraseRepeatEdit() const { return m_passphraseRepeat; }
    PasswordFields *passwordFields() const { return m_password; }

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildWordsPage();
    QWidget *buildConfirmPage();
    QWidget *buildPasswordPage();
    void retranslateUi();
    void updateButtons();
    void showError(const QString &message);
    QString stepProblem() const;

    QString m_mnemonic;
    QList<int> m_positions;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_error = nullptr;
    // words page
    QLabel *m_wordsIntro = nullptr;
    QList<QLabel *> m_wordLabels;
    QLabel *m_wordsWarning = nullptr;
    QCheckBox *m_writtenDown = nullptr;
    // confirm page
    QLabel *m_confirmIntro = nullptr;
    QList<QLabel *> m_confirmLabels;
    QList<QLineEdit *> m_confirm;
    // password page
    QCheckBox *m_usePassphrase = nullptr;
    QLabel *m_passphraseInfo = nullptr;
    QLabel *m_passphraseLabel = nullptr;
    QLabel *m_passphraseRepeatLabel = nullptr;
    QLineEdit *m_passphrase = nullptr;
    QLineEdit *m_passphraseRepeat = nullptr;
    PasswordFields *m_password = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace wp::gui
