#pragma once

// Public API: the Qt plugin interface of libwhirlpoolplugin.so. Load it with
// QPluginLoader, qobject_cast the instance to whirlpool::PluginInterface, then
// initialize(&error). Pure virtual; new functions are only ever appended; the
// interface id carries the major API version.

#include <whirlpool/mixer.h>
#include <whirlpool/types.h>
#include <whirlpool/walletbridge.h>

#include <QtPlugin>
#include <QString>

class QWidget;

namespace whirlpool {

/// The plugin object. Thread affinity: create mixers and widgets on the GUI thread.
class PluginInterface {
public:
    virtual ~PluginInterface() = default;

    /// The major API version the plugin implements.
    virtual int apiVersion() const = 0;
    /// The plugin's own version ("0.1.0").
    virtual QString pluginVersion() const = 0;

    /// Prepares the plugin for a host compiled against API @p hostApiVersion.
    /// Returns false with a sentence in @p errorString (if not null) when the
    /// versions differ or the plugin cannot run. Never throws.
    virtual bool initializeForApi(int hostApiVersion, QString *errorString) = 0;
    /// initializeForApi() with the version this header was compiled with.
    bool initialize(QString *errorString) { return initializeForApi(kApiVersion, errorString); }
    /// Releases everything; the host must have deleted its mixers and widgets first. Idempotent.
    virtual void shutdown() = 0;

    /// A mixer for the wallet behind @p bridge (not owned; must outlive the
    /// mixer). Returns nullptr with @p errorString when not initialized or when
    /// @p config is invalid. The caller owns the result.
    virtual Mixer *createMixer(WalletBridge *bridge, const MixerConfig &config, QString *errorString) = 0;

    /// A ready-made status view of @p mixer (coins, states, progress, errors,
    /// cluster events, Start all / Stop all), owned by @p parent (or the
    /// caller). @p mixer must come from createMixer() and should outlive the
    /// widget (if not, the widget shows nothing more). nullptr only on an internal error.
    virtual QWidget *createStatusWidget(Mixer *mixer, QWidget *parent) = 0;
};

} // namespace whirlpool

/// The interface id: "org.whirlpool.MixerPlugin/<major API version>.0".
#define WHIRLPOOL_PLUGIN_IID "org.whirlpool.MixerPlugin/1.0"
Q_DECLARE_INTERFACE(whirlpool::PluginInterface, WHIRLPOOL_PLUGIN_IID)
