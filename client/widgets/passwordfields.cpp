#include <widgets/passwordfields.h>

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSet>

#include <cmath>

namespace wp::gui {

namespace {

/// Substrings that make any password weak (lower case).
const char *const kCommon[] = {"password", "passwort", "motdepasse", "contrasena", "123456", "qwerty", "azerty",
                               "qwertz",   "letmein",  "bitcoin",    "satoshi",    "whirlpool", "samourai", "iloveyou",
                               "abc123",   "111111",   "000000",     "admin",      "welcome", "monkey", "dragon"};

/// Length of runs like "abcd", "4321", "qwer" (consecutive code points either way).
int sequentialChars(const QString &s)
{
    int count = 0;
    for (qsizetype i = 2; i < s.size(); ++i) {
        const int d1 = s[i - 1].unicode() - s[i - 2].unicode();
        const int d2 = s[i].unicode() - s[i - 1].unicode();
        if ((d1 == 1 || d1 == -1) && d1 == d2)
            ++count;
    }
    return count;
}

} // namespace

double passwordBits(const QString &password)
{
    if (password.isEmpty())
        return 0;
    bool lower = false, upper = false, digit = false, symbol = false, other = false;
    for (QChar c : password) {
        if (c.unicode() < 128) {
            if (c.isLower())
                lower = true;
            else if (c.isUpper())
                upper = true;
            else if (c.isDigit())
                digit = true;
            else
                symbol = true;
        } else {
            other = true;
        }
    }
    const int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
    double bits = double(password.size()) * std::log2(double(std::max(pool, 2)));
    QSet<QChar> distinct;
    for (QChar c : password)
        distinct.insert(c);
    if (distinct.size() * 2 < password.size())
        bits /= 2;
    if (sequentialChars(password) * 2 >= password.size())
        bits /= 2;
    return bits;
}

PasswordStrength passwordStrength(const QString &password)
{
    if (password.isEmpty())
        return PasswordStrength::Empty;
    if (password.size() < kMinPasswordLength)
        return PasswordStrength::TooShort;
    const QString lower = password.toLower();
    for (const char *common : kCommon)
        if (lower.contains(QLatin1String(common)))
            return PasswordStrength::Weak;
    const double bits = passwordBits(password);
    if (bits < 45)
        return PasswordStrength::Weak;
    if (bits < 65)
        return PasswordStrength::Fair;
    return PasswordStrength::Strong;
}

PasswordFields::PasswordFields(QWidget *parent) : QWidget(parent)
{
    m_passwordLabel = new QLabel(this);
    m_repeatLabel = new QLabel(this);
    m_password = new QLineEdit(this);
    m_repeat = new QLineEdit(this);
    for (QLineEdit *e : {m_password, m_repeat}) {
        e->setEchoMode(QLineEdit::Password);
        e->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
        connect(e, &QLineEdit::textChanged, this, &PasswordFields::refresh);
    }
    m_passwordLabel->setBuddy(m_password);
    m_repeatLabel->setBuddy(m_repeat);
    m_meter = new QProgressBar(this);
    m_meter->setRange(0, 4);
    m_meter->setTextVisible(false);
    m_meter->setMaximumHeight(fontMetrics().height() / 2 + 2);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_passwordLabel, 0, 0);
    grid->addWidget(m_password, 0, 1);
    grid->addWidget(m_meter, 1, 1);
    grid->addWidget(m_repeatLabel, 2, 0);
    grid->addWidget(m_repeat, 2, 1);
    grid->addWidget(m_hint, 3, 1);
    setTabOrder(m_password, m_repeat);
    setFocusProxy(m_password);
    retranslateUi();
}

QString PasswordFields::password() const { return m_password->text(); }

QString PasswordFields::problem() const
{
    const PasswordStrength s = passwordStrength(m_password->text());
    if (s == PasswordStrength::Empty)
        return tr("Choose a password to encrypt the wallet file.");
    if (s == PasswordStrength::TooShort)
        return tr("The password needs at least %1 characters.").arg(kMinPasswordLength);
    if (m_password->text() != m_repeat->text())
        return tr("The two passwords differ.");
    return {};
}

bool PasswordFields::isAcceptable() const { return problem().isEmpty(); }

QString PasswordFields::strengthText(PasswordStrength strength)
{
    switch (strength) {
    case PasswordStrength::Empty: return {};
    case PasswordStrength::TooShort: return tr("Too short");
    case PasswordStrength::Weak: return tr("Weak: easy to guess for someone who gets the wallet file");
    case PasswordStrength::Fair: return tr("Fair");
    case PasswordStrength::Strong: return tr("Strong");
    }
    return {};
}

void PasswordFields::refresh()
{
    const PasswordStrength s = passwordStrength(m_password->text());
    m_meter->setValue(int(s));
    QColor color;
    switch (s) {
    case PasswordStrength::Empty:
    case PasswordStrength::TooShort: color = QColor(0xb0, 0x00, 0x20); break;
    case PasswordStrength::Weak: color = QColor(0xd0, 0x7a, 0x12); break;
    case PasswordStrength::Fair: color = QColor(0x9a, 0xa0, 0x10); break;
    case PasswordStrength::Strong: color = QColor(0x1b, 0x8a, 0x3a); break;
    }
    QPalette p = m_meter->palette();
    p.setColor(QPalette::Highlight, color);
    m_meter->setPalette(p);
    QString hint = strengthText(s);
    if (s != PasswordStrength::Empty && !m_repeat->text().isEmpty() && m_repeat->text() != m_password->text())
        hint = tr("The two passwords differ.");
    else if (s == PasswordStrength::Empty)
        hint = tr("It encrypts the wallet file on this computer. A long sentence is easy to remember and hard to "
                  "guess.");
    m_hint->setText(hint);
    Q_EMIT changed();
}

void PasswordFields::retranslateUi()
{
    m_passwordLabel->setText(tr("&Password:"));
    m_repeatLabel->setText(tr("R&epeat password:"));
    m_meter->setAccessibleName(tr("Password strength"));
    refresh();
}

void PasswordFields::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wp::gui
