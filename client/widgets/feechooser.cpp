#include <widgets/feechooser.h>

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace wp::gui {

FeeChooser::FeeChooser(const client::FeePresets &presets, btc::Amount minRate, btc::Amount maxRate, QWidget *parent)
    : QWidget(parent), m_presets(presets)
{
    m_combo = new QComboBox(this);
    for (FeeChoice c : {FeeChoice::Fast, FeeChoice::Normal, FeeChoice::Slow, FeeChoice::Custom})
        m_combo->addItem(QString(), int(c));
    m_combo->setCurrentIndex(int(FeeChoice::Normal));
    m_custom = new QSpinBox(this);
    m_custom->setRange(int(minRate), int(maxRate));
    m_custom->setValue(int(std::clamp<btc::Amount>(presets.normal.satPerVb, minRate, maxRate)));
    m_custom->setEnabled(false);
    // Owned here, placed by the dialog (below its form: QFormLayout does not grow rows for wrapped text).
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        m_custom->setEnabled(choice() == FeeChoice::Custom);
        Q_EMIT changed();
    });
    connect(m_custom, &QSpinBox::valueChanged, this, &FeeChooser::changed);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo, 1);
    layout->addWidget(m_custom);
    setFocusProxy(m_combo);
    retranslateUi();
}

void FeeChooser::setPresets(const client::FeePresets &presets)
{
    m_presets = presets;
    retranslateUi();
    Q_EMIT changed();
}

FeeChoice FeeChooser::choice() const { return FeeChoice(m_combo->currentData().toInt()); }

void FeeChooser::setChoice(FeeChoice choice) { m_combo->setCurrentIndex(m_combo->findData(int(choice))); }

btc::Amount FeeChooser::rate() const { return rateOf(choice()); }

btc::Amount FeeChooser::rateOf(FeeChoice choice) const
{
    switch (choice) {
    case FeeChoice::Fast: return m_presets.fast.satPerVb;
    case FeeChoice::Normal: return m_presets.normal.satPerVb;
    case FeeChoice::Slow: return m_presets.slow.satPerVb;
    case FeeChoice::Custom: return m_custom->value();
    }
    return 0;
}

void FeeChooser::retranslateUi()
{
    auto presetText = [](const QString &name, const client::FeePreset &p) {
        return p.estimated ? tr("%1: %2 sat/vB (about %3 blocks)").arg(name).arg(p.satPerVb).arg(p.targetBlocks)
                           : tr("%1: %2 sat/vB (default)").arg(name).arg(p.satPerVb);
    };
    m_combo->setItemText(0, presetText(tr("Fast"), m_presets.fast));
    m_combo->setItemText(1, presetText(tr("Normal"), m_presets.normal));
    m_combo->setItemText(2, presetText(tr("Slow"), m_presets.slow));
    m_combo->setItemText(3, tr("Custom rate"));
    m_custom->setSuffix(tr(" sat/vB"));
    m_custom->setAccessibleName(tr("Custom fee rate"));
    m_note->setText(m_presets.estimated() ? QString() : tr("The node gave no estimate for some presets; defaults are used."));
    m_note->setVisible(!m_note->text().isEmpty());
}

void FeeChooser::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wp::gui
