#pragma once

#include <QDialog>
#include <QString>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace wp::gui {

/// Asks for the wallet file's password without blocking: "Unlock" emits
/// unlockRequested(password) and shows a busy bar while the caller decrypts
/// (asynchronously, scrypt is slow); the caller answers finishUnlock(): an
/// empty error accepts the dialog, otherwise the error is shown, the field is
/// cleared and the user can try again. With nothing connected to
/// unlockRequested(), "Unlock" simply accepts. Retranslates itself on
/// QEvent::LanguageChange.
class UnlockDialog : public QDialog {
    Q_OBJECT
public:
    /// @p walletName is shown to say which wallet is unlocked (a file name).
    explicit UnlockDialog(const QString &walletName, QWidget *parent = nullptr);

    /// The caller's answer to unlockRequested(): empty @p error accepts; otherwise
    /// it is shown (translated by the caller) and the user may try again.
    void finishUnlock(const QString &error = {});
    /// True while waiting for finishUnlock().
    bool isBusy() const { return m_busy; }
    QString errorText() const;
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *unlockButton() const { return m_unlock; }

Q_SIGNALS:
    /// The user asked to unlock with @p password; answer with finishUnlock().
    void unlockRequested(const QString &password);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onUnlock();
    void setBusy(bool busy);
    void retranslateUi();

    QString m_walletName;
    bool m_busy = false;
    QLabel *m_intro = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_unlock = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace wp::gui
