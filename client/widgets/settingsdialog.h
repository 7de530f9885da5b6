#pragma once

#include <bitcoin/amount.h>
#include <bitcoin/network.h>
#include <protocol/clustermanifest.h>
#include <util/result.h>

#include <QDialog>
#include <QList>
#include <QString>

#include <array>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace wp::gui {

/// What the settings dialog edits. Plain value type; the caller maps it to and
/// from the application's settings.
struct GuiSettings {
    /// The coordinator instances the client starts from (name, urlClear, urlOnion; id optional).
    QList<proto::ClusterInstance> bootstrap;
    /// The cluster operator's signing address (manifests); empty: bootstrap instances only.
    QString operatorAddress;
    bool useOnion = false;      ///< connect to the onion URLs (needs the proxy)
    QString proxyHost;          ///< SOCKS5 (Tor); empty: direct connections
    quint16 proxyPort = 0;
    QString nodeUrl;            ///< the bitcoin node's JSON-RPC URL
    QString nodeUser;
    QString nodePassword;
    /// Fee presets used when the node has no estimate: fast, normal, slow (sat/vB).
    std::array<btc::Amount, 3> feeDefaults{20, 10, 2};
    QString language = QStringLiteral("en"); ///< "en", "de", "fr", "es"
    int maxConcurrent = 3;
    bool autoMix = true;
    bool autoRemix = true;
    int remixTarget = 0;        ///< 0: remix forever

    friend bool operator==(const GuiSettings &, const GuiSettings &) = default;
};

/// Edits GuiSettings in tabs: Cluster (bootstrap instances as an editable
/// table of name / clearnet URL / onion URL with add and remove, operator
/// address, onion, SOCKS5 proxy), Node (RPC URL, user, password), Mixing
/// (concurrent mixes, automatic mixing and remixing, remix target), Fees
/// (default presets) and Language. "OK" validates (validate()) and shows the
/// first problem instead of closing while anything is wrong. Retranslates
/// itself on QEvent::LanguageChange.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr int kMaxConcurrentLimit = 20;

    /// @p network: the wallet's network (the operator address must be one of it).
    explicit SettingsDialog(btc::Network network, QWidget *parent = nullptr);

    void setSettings(const GuiSettings &settings);
    /// The values as edited (empty bootstrap rows dropped, fields trimmed).
    GuiSettings settings() const;
    /// Checks settings(): every instance has a valid http(s) URL (onion URLs on
    /// .onion hosts), at least one usable instance, the operator address is
    /// one of the network, onion needs a proxy, the node URL is http(s), fee
    /// defaults are fast >= normal >= slow >= 1. Returns: the first problem (translated).
    Result<void> validate() const;
    /// The error shown after a refused OK, empty if none.
    QString errorText() const;

    /// Language codes offered, English first.
    static QStringList languages();
    /// A language's own name ("Deutsch"), never translated.
    static QString languageName(const QString &code);

    QTabWidget *tabs() const { return m_tabs; }
    QTableWidget *bootstrapTable() const { return m_bootstrap; }
    QLineEdit *operatorEdit() const { return m_operator; }
    QCheckBox *useOnionCheck() const { return m_useOnion; }
    QLineEdit *proxyHostEdit() const { return m_proxyHost; }
    QSpinBox *proxyPortEdit() const { return m_proxyPort; }
    QLineEdit *nodeUrlEdit() const { return m_nodeUrl; }
    QComboBox *languageCombo() const { return m_language; }

public Q_SLOTS:
    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildClusterTab();
    QWidget *buildNodeTab();
    QWidget *buildMixingTab();
    QWidget *buildFeesTab();
    QWidget *buildLanguageTab();
    void retranslateUi();
    void addBootstrapRow(const proto::ClusterInstance &instance = {});

    btc::Network m_network;
    QTabWidget *m_tabs = nullptr;
    // cluster
    QLabel *m_bootstrapLabel = nullptr;
    QTableWidget *m_bootstrap = nullptr;
    QPushButton *m_addInstance = nullptr;
    QPushButton *m_removeInstance = nullptr;
    QLabel *m_operatorLabel = nullptr;
    QLineEdit *m_operator = nullptr;
    QCheckBox *m_useOnion = nullptr;
    QLabel *m_proxyHostLabel = nullptr;
    QLineEdit *m_proxyHost = nullptr;
    QLabel *m_proxyPortLabel = nullptr;
    QSpinBox *m_proxyPort = nullptr;
    // node
    QLabel *m_nodeUrlLabel = nullptr;
    QLineEdit *m_nodeUrl = nullptr;
    QLabel *m_nodeUserLabel = nullptr;
    QLineEdit *m_nodeUser = nullptr;
    QLabel *m_nodePasswordLabel = nullptr;
    QLineEdit *m_nodePassword = nullptr;
    // mixing
    QLabel *m_maxConcurrentLabel = nullptr;
    QSpinBox *m_maxConcurrent = nullptr;
    QCheckBox *m_autoMix = nullptr;
    QCheckBox *m_autoRemix = nullptr;
    QLabel *m_remixTargetLabel = nullptr;
    QSpinBox *m_remixTarget = nullptr;
    // fees
    QLabel *m_feesIntro = nullptr;
    std::array<QLabel *, 3> m_feeLabels{};
    std::array<QSpinBox *, 3> m_fees{};
    // language
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;

    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_ok = nullptr;
    QPushButton *m_cancel = nullptr;
    QString m_languageCode; ///< kept when the combo does not know it
};

} // namespace wp::gui
