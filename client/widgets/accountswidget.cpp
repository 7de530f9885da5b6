#include <widgets/accountswidget.h>

#include <widgets/formatting.h>

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace wp::gui {

namespace {

enum Column { NameColumn, ConfirmedColumn, UnconfirmedColumn, CoinsColumn, ColumnCount };

} // namespace

AccountsWidget::AccountsWidget(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_table = new QTreeWidget(this);
    m_table->setColumnCount(ColumnCount);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::TabFocus);
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int c = ConfirmedColumn; c < ColumnCount; ++c)
        m_table->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_title->setBuddy(m_table);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_table);
    retranslateUi();
}

QString AccountsWidget::accountName(const QString &account)
{
    if (account == QLatin1String("deposit"))
        return tr("Deposit");
    if (account == QLatin1String("premix"))
        return tr("Premix (waiting for a first mix)");
    if (account == QLatin1String("postmix"))
        return tr("Postmix (mixed)");
    if (account == QLatin1String("badbank"))
        return tr("Bad bank (Tx0 change)");
    return account;
}

QString AccountsWidget::accountDescription(const QString &account)
{
    if (account == QLatin1String("deposit"))
        return tr("Receive here the coins you want to mix. A Tx0 splits them into premix coins of the pool's size.");
    if (account == QLatin1String("premix"))
        return tr("Coins made by a Tx0, each waiting for its first mix.");
    if (account == QLatin1String("postmix"))
        return tr("Mixed coins. They keep remixing for free while the app runs; spend them from here.");
    if (account == QLatin1String("badbank"))
        return tr("The change of your Tx0s. It is linked to your deposit: do not mix it with postmix coins.");
    return {};
}

void AccountsWidget::setBalances(const QList<AccountBalance> &balances)
{
    m_balances = balances;
    fill();
}

void AccountsWidget::fill()
{
    m_table->clear();
    AccountBalance total;
    for (const AccountBalance &b : std::as_const(m_balances)) {
        auto *item = new QTreeWidgetItem(m_table);
        item->setText(NameColumn, accountName(b.account));
        item->setText(ConfirmedColumn, formatBtc(b.confirmed));
        item->setText(UnconfirmedColumn, b.unconfirmed ? formatBtc(b.unconfirmed) : QString());
        item->setText(CoinsColumn, QString::number(b.coins));
        const QString description = accountDescription(b.account);
        for (int c = 0; c < ColumnCount; ++c) {
            item->setToolTip(c, description);
            if (c != NameColumn)
                item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        }
        total.confirmed += b.confirmed;
        total.unconfirmed += b.unconfirmed;
        total.coins += b.coins;
    }
    auto *item = new QTreeWidgetItem(m_table);
    item->setText(NameColumn, tr("Total"));
    item->setText(ConfirmedColumn, formatBtc(total.confirmed));
    item->setText(UnconfirmedColumn, total.unconfirmed ? formatBtc(total.unconfirmed) : QString());
    item->setText(CoinsColumn, QString::number(total.coins));
    QFont bold = m_table->font();
    bold.setBold(true);
    for (int c = 0; c < ColumnCount; ++c) {
        item->setFont(c, bold);
        if (c != NameColumn)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    // Tall enough for every row, no scroll bar: the table is a summary.
    const int rows = int(m_balances.size()) + 1;
    const int rowHeight = std::max(m_table->sizeHintForRow(0), fontMetrics().height());
    m_table->setFixedHeight(m_table->header()->sizeHint().height() + rows * rowHeight + 2 * m_table->frameWidth()
                            + fontMetrics().height() / 4);
}

void AccountsWidget::retranslateUi()
{
    m_title->setText(tr("&Balances"));
    m_table->setHeaderLabels({tr("Account"), tr("Confirmed"), tr("Unconfirmed"), tr("Coins")});
    m_table->setAccessibleName(tr("Balances per account"));
    fill();
}

void AccountsWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wp::gui
