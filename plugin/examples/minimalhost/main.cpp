// The smallest out-of-tree host: loads the installed plugin, checks its
// metadata and API version, and prints what it found. A real host then
// implements whirlpool::WalletBridge (see plugin/samplehost/memorywallet.h).

#include <whirlpool/whirlpool.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QPluginLoader>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QPluginLoader loader(QStringLiteral(WHIRLPOOL_PLUGIN_FILE));
    const QJsonObject meta = loader.metaData();
    if (meta.value(QStringLiteral("IID")).toString() != QStringLiteral(WHIRLPOOL_PLUGIN_IID)) {
        out << "not a Whirlpool plugin of this API: " << loader.errorString() << '\n';
        return 1;
    }
    auto *plugin = qobject_cast<whirlpool::PluginInterface *>(loader.instance());
    if (!plugin) {
        out << "cannot load: " << loader.errorString() << '\n';
        return 1;
    }
    QString error;
    if (!plugin->initialize(&error)) {
        out << "refused: " << error << '\n';
        return 1;
    }
    out << "loaded " << meta.value(QStringLiteral("MetaData")).toObject().value(QStringLiteral("name")).toString()
        << ' ' << plugin->pluginVersion() << " API " << plugin->apiVersion() << '\n';
    plugin->shutdown();
    return 0;
}
