#pragma once

#include <widgets/feechooser.h>

#include <wallet/feeestimator.h>
#include <wallet/spendbuilder.h>

#include <bitcoin/network.h>
#include <util/result.h>

#include <QDialog>
#include <QTimer>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace wp::gui {

/// What the user typed in the send dialog, validated. Plain value type.
struct SendDraft {
    QString address;             ///< trimmed, as typed
    btc::Amount amount = 0;      ///< sat; 0 with sendAll
    bool sendAll = false;        ///< everything, minus the fee, no change
    FeeChoice feeChoice = FeeChoice::Normal;
    btc::Amount feeRate = 0;     ///< sat/vB of the choice (the preset's, or the custom rate)

    friend bool operator==(const SendDraft &, const SendDraft &) = default;
};

/// Sends mixed coins: destination address (checked as typed with
/// btc::Address::fromString for the wallet's network; an address of another
/// network is named as such), amount in BTC or "send all", fee preset (fast,
/// normal, slow from the node's estimates, or a custom rate). Whenever the
/// form is valid it asks the caller's previewer (client::SpendBuilder::preview
/// through the wallet) and shows what the transaction would do: amount,
/// fee and rate, size, change. "Sign and send" is enabled only with a
/// successful preview; after accept() the caller reads draft(). Retranslates
/// itself on QEvent::LanguageChange. Never blocks: the previewer must be quick
/// (SpendBuilder::preview is pure arithmetic).
class SendDialog : public QDialog {
    Q_OBJECT
public:
    /// Computes the preview of a draft; errors are shown as given (translate them).
    using Previewer = std::function<Result<client::SpendPreview>(const SendDraft &draft)>;

    /// @p available: the postmix balance offered (shown, and checked against the amount).
    SendDialog(btc::Network network, const client::FeePresets &presets, btc::Amount available,
               QWidget *parent = nullptr);

    void setPreviewer(Previewer previewer);
    /// Replaces the presets (a later fee estimate).
    void setFeePresets(const client::FeePresets &presets);

    /// The current draft when the form is valid. Returns: nullopt with formProblem() set otherwise.
    std::optional<SendDraft> draft() const;
    /// Why the form is incomplete or invalid (translated), empty when valid.
    QString formProblem() const;
    /// Why the address is refused (translated), empty when valid or empty.
    QString addressProblem() const;
    /// The last successful preview, if the current form has one.
    const std::optional<client::SpendPreview> &preview() const { return m_preview; }
    /// The previewer's error for the current form, empty if none.
    QString previewError() const { return m_previewError; }
    /// Runs the preview now (normally it runs shortly after each edit).
    void updatePreview();

    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *amountEdit() const { return m_amount; }
    QCheckBox *sendAllCheck() const { return m_sendAll; }
    QComboBox *feeCombo() const { return m_fee->combo(); }
    QSpinBox *customFeeEdit() const { return m_fee->customEdit(); }
    QPushButton *sendButton() const { return m_send; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void onEdited();
    void showPreview();

    btc::Network m_network;
    btc::Amount m_available = 0;
    Previewer m_previewer;
    std::optional<client::SpendPreview> m_preview;
    QString m_previewError;
    QTimer m_debounce;

    QLabel *m_availableLabel = nullptr;
    QLabel *m_addressLabel = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_addressStatus = nullptr;
    QLabel *m_amountLabel = nullptr;
    QLineEdit *m_amount = nullptr;
    QCheckBox *m_sendAll = nullptr;
    QLabel *m_feeLabel = nullptr;
    FeeChooser *m_fee = nullptr;
    QLabel *m_previewTitle = nullptr;
    QFormLayout *m_previewForm = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace wp::gui
