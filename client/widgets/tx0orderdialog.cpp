#include <widgets/tx0orderdialog.h>

#include <widgets/formatting.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace wp::gui {

namespace {
constexpr int kMaxOutputsLimit = 1000;
constexpr btc::Amount kMinTx0FeeRate = 1;
constexpr btc::Amount kMaxTx0FeeRate = 1000;
} // namespace

Tx0OrderDialog::Tx0OrderDialog(const QList<PoolEntry> &pools, const client::FeePresets &presets, btc::Amount deposit,
                               QWidget *parent)
    : QDialog(parent), m_pools(pools), m_deposit(deposit)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_poolLabel = new QLabel(this);
    m_pool = new QComboBox(this);
    for (const PoolEntry &p : pools)
        m_pool->addItem(QString(), p.pool.poolId);
    m_poolLabel->setBuddy(m_pool);
    m_feeLabel = new QLabel(this);
    m_fee = new FeeChooser(presets, kMinTx0FeeRate, kMaxTx0FeeRate, this);
    m_feeLabel->setBuddy(m_fee);
    m_maxLabel = new QLabel(this);
    m_maxOutputs = new QSpinBox(this);
    m_maxOutputs->setRange(0, kMaxOutputsLimit);
    m_maxLabel->setBuddy(m_maxOutputs);
    m_badbank = new QCheckBox(this);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_buttons = new QDialogButtonBox(this);
    m_preview = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_preview->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_pool, &QComboBox::currentIndexChanged, this, &Tx0OrderDialog::updateHint);
    connect(m_maxOutputs, &QSpinBox::valueChanged, this, &Tx0OrderDialog::updateHint);

    auto *form = new QFormLayout;
    form->addRow(m_poolLabel, m_pool);
    form->addRow(m_feeLabel, m_fee);
    form->addRow(m_maxLabel, m_maxOutputs);
    form->addRow(QString(), m_badbank);
    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    // Wrapped notes below the form: QFormLayout does not grow rows for wrapped text.
    layout->addWidget(m_fee->note());
    layout->addWidget(m_hint);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 34);
    selectPool(defaultPool(pools, deposit));
    retranslateUi();
}

bool Tx0OrderDialog::selectPool(const QString &poolId)
{
    const int index = m_pool->findData(poolId);
    if (index < 0)
        return false;
    m_pool->setCurrentIndex(index);
    return true;
}

Tx0Choice Tx0OrderDialog::choice() const
{
    Tx0Choice c;
    c.poolId = m_pool->currentData().toString();
    c.feeChoice = m_fee->choice();
    c.feeRate = m_fee->rate();
    c.maxOutputs = m_maxOutputs->value();
    c.changeToBadbank = m_badbank->isChecked();
    return c;
}

int Tx0OrderDialog::maxPremixCoins(const proto::PoolInfo &pool, btc::Amount deposit)
{
    if (pool.mustMixBalanceMin <= 0 || deposit < pool.feeValue + pool.mustMixBalanceMin)
        return 0;
    const btc::Amount coins = (deposit - pool.feeValue) / pool.mustMixBalanceMin;
    return int(std::min<btc::Amount>(coins, pool.tx0MaxOutputs > 0 ? pool.tx0MaxOutputs : coins));
}

QString Tx0OrderDialog::defaultPool(const QList<PoolEntry> &pools, btc::Amount deposit)
{
    QString best;
    btc::Amount bestDenomination = 0;
    for (const PoolEntry &p : pools)
        if (maxPremixCoins(p.pool, deposit) > 0 && p.pool.denomination > bestDenomination) {
            best = p.pool.poolId;
            bestDenomination = p.pool.denomination;
        }
    return best.isEmpty() && !pools.isEmpty() ? pools.first().pool.poolId : best;
}

void Tx0OrderDialog::updateHint()
{
    const int index = m_pool->currentIndex();
    if (index < 0 || index >= m_pools.size()) {
        m_hint->setText(tr("No pool is offered by the coordinators now."));
        m_preview->setEnabled(false);
        return;
    }
    const proto::PoolInfo &pool = m_pools[index].pool;
    const int most = maxPremixCoins(pool, m_deposit);
    m_preview->setEnabled(most > 0);
    if (most == 0) {
        m_hint->setText(tr("Your confirmed deposit (%1) is too small for this pool: a coin needs %2, plus the pool fee %3.")
                            .arg(formatBtc(m_deposit), formatBtc(pool.mustMixBalanceMin), formatBtc(pool.feeValue)));
        return;
    }
    const int coins = m_maxOutputs->value() > 0 ? std::min(most, m_maxOutputs->value()) : most;
    m_hint->setText(tr("Premix coins from your confirmed deposit (%1): at most %2, of %3 each. The next step shows the "
                       "exact transaction and its fees before anything is signed.")
                        .arg(formatBtc(m_deposit))
                        .arg(coins)
                        .arg(formatBtc(pool.denomination)));
}

void Tx0OrderDialog::retranslateUi()
{
    setWindowTitle(tr("Tx0: prepare coins for mixing"));
    m_intro->setText(tr("A Tx0 splits your deposit into coins of the pool's size, which then mix automatically."));
    m_poolLabel->setText(tr("&Pool:"));
    for (int i = 0; i < m_pools.size(); ++i) {
        const PoolEntry &p = m_pools[i];
        m_pool->setItemText(i, tr("%1: coins of %2, pool fee %3").arg(p.pool.poolId, formatBtc(p.pool.denomination),
                                                                      formatBtc(p.pool.feeValue)));
    }
    m_feeLabel->setText(tr("&Miner fee:"));
    m_maxLabel->setText(tr("Maximum &coins:"));
    m_maxOutputs->setSpecialValueText(tr("as many as possible"));
    m_badbank->setText(tr("Send the change to the &bad bank account"));
    m_badbank->setToolTip(tr("The change of a Tx0 is linked to your deposit. In the bad bank account it is kept apart, "
                             "so it is never spent together with mixed coins by mistake."));
    m_preview->setText(tr("Pre&view…"));
    m_cancel->setText(tr("Cancel"));
    updateHint();
}

void Tx0OrderDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wp::gui
