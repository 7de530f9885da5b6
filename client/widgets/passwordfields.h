#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;

namespace wp::gui {

/// How hard a password looks to guess.
enum class PasswordStrength {
    Empty,
    TooShort, ///< fewer than kMinPasswordLength characters: refused
    Weak,     ///< accepted, with a warning
    Fair,
    Strong,
};

/// The shortest wallet password accepted.
inline constexpr int kMinPasswordLength = 8;

/// Estimates @p password's strength: length times the size of the character
/// classes used (lower, upper, digits, symbols, other), halved for heavy
/// repetition or keyboard and alphabet runs, and Weak when it contains a
/// well-known password. Pure; never fails.
PasswordStrength passwordStrength(const QString &password);
/// Estimated entropy in bits as passwordStrength() computes it.
double passwordBits(const QString &password);

/// A password typed twice with a strength meter and a hint, for the wallet
/// dialogs. Labels have mnemonics and buddies. Retranslates itself on
/// QEvent::LanguageChange.
class PasswordFields : public QWidget {
    Q_OBJECT
public:
    explicit PasswordFields(QWidget *parent = nullptr);

    QString password() const;
    /// True when both fields match and the password is long enough.
    bool isAcceptable() const;
    /// Why the password is not acceptable (translated), empty when it is.
    QString problem() const;
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }

    /// The strength's words (translated).
    static QString strengthText(PasswordStrength strength);

Q_SIGNALS:
    /// Either field changed.
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void refresh();

    QLabel *m_passwordLabel = nullptr;
    QLabel *m_repeatLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QProgressBar *m_meter = nullptr;
    QLabel *m_hint = nullptr;
};

} // namespace wp::gui
