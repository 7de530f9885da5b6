#pragma once

#include <mixer/coordinatordirectory.h>

#include <QList>
#include <QString>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace wp::gui {

/// What happened with the cluster and the mixes, newest first, with the time,
/// the kind of event, the instance it is about, and the message; problems
/// (failed connections, refused redirects and manifests, warnings) stand out
/// and can be shown alone. A line at the top names the instance the client is
/// connected to. Retranslates itself on QEvent::LanguageChange (event kinds;
/// the messages are shown as they were given).
///
/// Thread affinity: the GUI thread.
class EventLogWidget : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDefaultCapacity = 1000;

    explicit EventLogWidget(QWidget *parent = nullptr);

    /// Adds a cluster event (connected, redirected, failover, ...).
    void addDirectoryEvent(const client::DirectoryEvent &event);
    /// Adds a plain note (a mixing note, a wallet message) at wall clock @p timeMs
    /// (0: now), optionally marked as a problem and tied to an instance.
    void addNote(const QString &message, qint64 timeMs = 0, bool warning = false, const QString &instance = {});
    /// The instance the client talks to now; an empty @p name shows "not connected".
    void setConnectedInstance(const QString &name, const QUrl &url = {});
    /// Removes every event.
    void clear();
    /// Keeps at most @p capacity (>= 1) events, dropping the oldest.
    void setCapacity(int capacity);
    /// Events held (including those hidden by "only problems").
    int count() const { return int(m_entries.size()); }
    /// Replaces the wall clock used by addNote() with timeMs 0, for tests.
    void setClock(std::function<qint64()> now);

    /// The kind as users read it ("Failover"), translated.
    static QString kindText(client::DirectoryEvent::Kind kind);
    /// True for the kinds that mean something went wrong.
    static bool isProblem(client::DirectoryEvent::Kind kind);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Entry {
        qint64 timeMs = 0;
        std::optional<client::DirectoryEvent::Kind> kind; ///< nullopt: a note
        QString instance;
        QString message;
        bool warning = false;
    };
    void append(Entry entry);
    QTreeWidgetItem *makeItem(const Entry &entry) const;
    void rebuild();
    void retranslateUi();
    void updateConnected();

    QList<Entry> m_entries; ///< oldest first
    int m_capacity = kDefaultCapacity;
    QString m_connectedName;
    QUrl m_connectedUrl;
    std::function<qint64()> m_now;
    QLabel *m_connected = nullptr;
    QCheckBox *m_onlyProblems = nullptr;
    QTreeWidget *m_list = nullptr;
};

} // namespace wp::gui
