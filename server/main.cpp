// whirlpool-coordinator: one instance of the Decentralized Whirlpool coordinator cluster.
#include <coordinator.h>
#include <processsignals.h>
#include <status/addadmincommand.h>

#include <net/processsetup.h>

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    wp::server::net::preferUnixEventDispatcher(); // before the application object (see processsetup.h)
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("whirlpool-coordinator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WP_VERSION));
    auto options = wp::server::CoordinatorOptions::parse(app.arguments());
    if (!options) {
        if (options.error().code)
            std::fprintf(stderr, "whirlpool-coordinator: %s\n", qPrintable(options.error().message));
        else
            std::fprintf(stdout, "%s\n", qPrintable(options.error().message));
        return options.error().code;
    }
    if (!options->addAdminLogin.isEmpty())
        return wp::server::status::runAddAdminCommand(*options);
    wp::server::configureProcess(*options);
    wp::server::Coordinator coordinator(std::move(*options));
    if (auto started = coordinator.start(); !started) {
        std::fprintf(stderr, "whirlpool-coordinator: %s\n", qPrintable(started.error().message));
        return 1;
    }
    wp::server::stopOnTerminationSignals(
        &app, [&coordinator](std::function<void()> quit) { coordinator.shutdown(std::move(quit)); });
    return app.exec();
}
