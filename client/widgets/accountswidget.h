#pragma once

#include <bitcoin/amount.h>

#include <QList>
#include <QMetaType>
#include <QString>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace wp::gui {

/// One account's balance. Plain value type.
struct AccountBalance {
    /// The account's id: "deposit", "premix", "postmix" or "badbank" are shown
    /// with their translated names and explained; anything else as given.
    QString account;
    btc::Amount confirmed = 0;
    btc::Amount unconfirmed = 0;
    int coins = 0;

    friend bool operator==(const AccountBalance &, const AccountBalance &) = default;
};

/// The wallet's balances per account (deposit, premix, postmix, badbank) and
/// their total: confirmed, unconfirmed, number of coins. Each account's tooltip
/// says what it is for. Retranslates itself on QEvent::LanguageChange.
///
/// Thread affinity: the GUI thread.
class AccountsWidget : public QWidget {
    Q_OBJECT
public:
    explicit AccountsWidget(QWidget *parent = nullptr);

    /// Shows @p balances in the given order, plus a total row.
    void setBalances(const QList<AccountBalance> &balances);
    const QList<AccountBalance> &balances() const { return m_balances; }

    /// The translated name of a known account id ("postmix" -> "Postmix (mixed)"), else @p account.
    static QString accountName(const QString &account);
    /// What the account is for (translated), empty for unknown ids.
    static QString accountDescription(const QString &account);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fill();

    QList<AccountBalance> m_balances;
    QLabel *m_title = nullptr;
    QTreeWidget *m_table = nullptr;
};

} // namespace wp::gui

Q_DECLARE_METATYPE(wp::gui::AccountBalance)
