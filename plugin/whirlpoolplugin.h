#pragma once

#include <whirlpool/plugininterface.h>

#include <QObject>

namespace wp::plugin {

/// The Qt plugin object of libwhirlpoolplugin.so (the only exported entry
/// point is Qt's plugin instance function). Every method catches everything:
/// no exception crosses the plugin boundary.
///
/// Thread affinity: the GUI thread.
class WhirlpoolPlugin : public QObject, public whirlpool::PluginInterface {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WHIRLPOOL_PLUGIN_IID FILE "whirlpoolplugin.json")
    Q_INTERFACES(whirlpool::PluginInterface)
public:
    WhirlpoolPlugin() = default;
    ~WhirlpoolPlugin() override;

    int apiVersion() const override { return whirlpool::kApiVersion; }
    QString pluginVersion() const override;
    bool initializeForApi(int hostApiVersion, QString *errorString) override;
    void shutdown() override;
    whirlpool::Mixer *createMixer(whirlpool::WalletBridge *bridge, const whirlpool::MixerConfig &config,
                                  QString *errorString) override;
    QWidget *createStatusWidget(whirlpool::Mixer *mixer, QWidget *parent) override;

private:
    bool m_initialized = false;
};

} // namespace wp::plugin
