#pragma once

#include <wallet/tx0builder.h>

#include <protocol/messages.h>

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace wp::gui {

/// Shows what a Tx0 would do before it is signed (client::Tx0Preview): the
/// pool, what it spends, the premix coins (count, value, the share reserved for
/// their first mix), the pool fee (or the decoy when there is none), the Tx0
/// miner fee with its rate and size, the change and the total cost, with a
/// warning when fees exceed 5 % of the amount. "Confirm" accepts, "Cancel"
/// (the default button) rejects. Retranslates itself on QEvent::LanguageChange.
class Tx0PreviewDialog : public QDialog {
    Q_OBJECT
public:
    /// @p feeRate: sat/vB of the Tx0 (and reserved for the first mix).
    Tx0PreviewDialog(const client::Tx0Preview &preview, const proto::PoolInfo &pool, btc::Amount feeRate,
                     QWidget *parent = nullptr);

    /// Names the account receiving the change ("deposit" or "badbank", see AccountsWidget::accountName()).
    void setChangeAccount(const QString &account);

    /// Everything paid to others: pool fee, Tx0 miner fee, first-mix fees reserved.
    btc::Amount totalFees() const;
    /// totalFees() as percent of the amount spent.
    double feePercent() const;
    /// True when the high-fee warning is shown.
    bool warnsHighFees() const;

    const client::Tx0Preview &preview() const { return m_preview; }
    QPushButton *confirmButton() const { return m_confirm; }

    /// Fees above this percent of the amount spent are warned about.
    static constexpr double kHighFeePercent = 5.0;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    client::Tx0Preview m_preview;
    proto::PoolInfo m_pool;
    btc::Amount m_feeRate = 0;
    QString m_changeAccount;
    QLabel *m_title = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_warning = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_confirm = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace wp::gui
