#pragma once

#include <widgets/feechooser.h>
#include <widgets/poolsmodel.h>

#include <wallet/feeestimator.h>

#include <bitcoin/amount.h>

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace wp::gui {

/// What the user chose for a Tx0. Plain value type.
struct Tx0Choice {
    QString poolId;
    FeeChoice feeChoice = FeeChoice::Normal;
    btc::Amount feeRate = 0;      ///< sat/vB of the choice
    int maxOutputs = 0;           ///< most premix coins; 0: as many as the deposit allows
    bool changeToBadbank = false; ///< the change goes to the badbank account

    friend bool operator==(const Tx0Choice &, const Tx0Choice &) = default;
};

/// The first step of a Tx0: the pool (with its coin size and fee, and how
/// many coins the confirmed deposit money makes at most), the miner fee rate,
/// the most premix coins to make, and whether the change goes to the badbank
/// account (it is linked to the deposit: kept apart, it is never mixed or spent
/// with mixed coins by mistake). "Preview" accepts; the caller then shows the
/// exact transaction (Tx0PreviewDialog) before anything is signed.
/// Retranslates itself on QEvent::LanguageChange.
class Tx0OrderDialog : public QDialog {
    Q_OBJECT
public:
    /// @p deposit: the confirmed deposit money the Tx0 can spend.
    Tx0OrderDialog(const QList<PoolEntry> &pools, const client::FeePresets &presets, btc::Amount deposit,
                   QWidget *parent = nullptr);

    /// Selects @p poolId if offered. Returns: false otherwise.
    bool selectPool(const QString &poolId);
    Tx0Choice choice() const;
    /// Premix coins @p pool can make at most from @p deposit (its size with the
    /// pool fee, ignoring miner fees): a first hint, the preview is exact. Pure.
    static int maxPremixCoins(const proto::PoolInfo &pool, btc::Amount deposit);
    /// The pool the deposit enters best: the largest one it makes a coin of; else the first.
    static QString defaultPool(const QList<PoolEntry> &pools, btc::Amount deposit);

    QComboBox *poolCombo() const { return m_pool; }
    FeeChooser *feeChooser() const { return m_fee; }
    QSpinBox *maxOutputsEdit() const { return m_maxOutputs; }
    QCheckBox *badbankCheck() const { return m_badbank; }
    QPushButton *previewButton() const { return m_preview; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateHint();

    QList<PoolEntry> m_pools;
    btc::Amount m_deposit = 0;
    QLabel *m_intro = nullptr;
    QLabel *m_poolLabel = nullptr;
    QComboBox *m_pool = nullptr;
    QLabel *m_feeLabel = nullptr;
    FeeChooser *m_fee = nullptr;
    QLabel *m_maxLabel = nullptr;
    QSpinBox *m_maxOutputs = nullptr;
    QCheckBox *m_badbank = nullptr;
    QLabel *m_hint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_preview = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace wp::gui
