#pragma once

#include <wallet/feeestimator.h>

#include <bitcoin/amount.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;

namespace wp::gui {

/// The fee choice of a transaction.
enum class FeeChoice { Fast, Normal, Slow, Custom };

/// Chooses a fee rate: the node's presets (fast, normal, slow, each with its
/// rate and target, or "default" when the node had no estimate) or a custom
/// rate in sat/vB, with a note when defaults are used. Used by the send and Tx0
/// dialogs. Retranslates itself on QEvent::LanguageChange.
///
/// Thread affinity: the GUI thread.
class FeeChooser : public QWidget {
    Q_OBJECT
public:
    /// Custom rates are offered in [@p minRate, @p maxRate] sat/vB.
    FeeChooser(const client::FeePresets &presets, btc::Amount minRate, btc::Amount maxRate, QWidget *parent = nullptr);

    /// Replaces the presets (a later estimate); the choice stays.
    void setPresets(const client::FeePresets &presets);
    FeeChoice choice() const;
    void setChoice(FeeChoice choice);
    /// The rate of the current choice (sat/vB).
    btc::Amount rate() const;
    /// The rate of @p choice now (the custom field's for Custom).
    btc::Amount rateOf(FeeChoice choice) const;

    QComboBox *combo() const { return m_combo; }
    QSpinBox *customEdit() const { return m_custom; }
    /// The line saying defaults are used (shown by the owner below its form), empty when all are estimated.
    QLabel *note() const { return m_note; }

Q_SIGNALS:
    /// The choice or the rate changed.
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    client::FeePresets m_presets;
    QComboBox *m_combo = nullptr;
    QSpinBox *m_custom = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace wp::gui
