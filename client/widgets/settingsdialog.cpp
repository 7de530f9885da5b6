#include <widgets/settingsdialog.h>

#include <widgets/translator.h>

#include <mixer/coordinatordirectory.h>

#include <bitcoin/address.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace wp::gui {

namespace {

enum BootstrapColumn { NameColumn, ClearColumn, OnionColumn, BootstrapColumnCount };

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

SettingsDialog::SettingsDialog(btc::Network network, QWidget *parent) : QDialog(parent), m_network(network)
{
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildClusterTab(), QString());
    m_tabs->addTab(buildNodeTab(), QString());
    m_tabs->addTab(buildMixingTab(), QString());
    m_tabs->addTab(buildFeesTab(), QString());
    m_tabs->addTab(buildLanguageTab(), QString());
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    m_buttons = new QDialogButtonBox(this);
    m_ok = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_cancel = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    const QFontMetrics fm = fontMetrics();
    resize(fm.horizontalAdvance(QLatin1Char('M')) * 68, fm.height() * 30);
    setSettings(GuiSettings{});
    retranslateUi();
}

QWidget *SettingsDialog::buildClusterTab()
{
    auto *page = new QWidget(this);
    m_bootstrapLabel = new QLabel(page);
    m_bootstrapLabel->setWordWrap(true);
    m_bootstrap = new QTableWidget(0, BootstrapColumnCount, page);
    m_bootstrap->verticalHeader()->hide();
    m_bootstrap->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_bootstrap->horizontalHeader()->setSectionResizeMode(ClearColumn, QHeaderView::Stretch);
    m_bootstrap->horizontalHeader()->setSectionResizeMode(OnionColumn, QHeaderView::Stretch);
    m_bootstrap->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_bootstrap->setWordWrap(false);
    m_bootstrap->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside
    m_bootstrapLabel->setBuddy(m_bootstrap);
    m_addInstance = new QPushButton(page);
    m_removeInstance = new QPushButton(page);
    connect(m_addInstance, &QPushButton::clicked, this, [this] {
        addBootstrapRow();
        m_bootstrap->setCurrentCell(m_bootstrap->rowCount() - 1, NameColumn);
        m_bootstrap->setFocus();
        m_bootstrap->editItem(m_bootstrap->currentItem());
    });
    connect(m_removeInstance, &QPushButton::clicked, this, [this] {
        const int row = m_bootstrap->currentRow();
        if (row >= 0)
            m_bootstrap->removeRow(row);
    });
    m_operatorLabel = new QLabel(page);
    m_operator = new QLineEdit(page);
    m_operatorLabel->setBuddy(m_operator);
    m_useOnion = new QCheckBox(page);
    m_proxyHostLabel = new QLabel(page);
    m_proxyHost = new QLineEdit(page);
    m_proxyHostLabel->setBuddy(m_proxyHost);
    m_proxyPortLabel = new QLabel(page);
    m_proxyPort = new QSpinBox(page);
    m_proxyPort->setRange(0, 65535);
    m_proxyPortLabel->setBuddy(m_proxyPort);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addInstance);
    buttons->addWidget(m_removeInstance);
    buttons->addStretch(1);
    auto *proxy = new QHBoxLayout;
    proxy->addWidget(m_proxyHost, 1);
    proxy->addWidget(m_proxyPortLabel);
    proxy->addWidget(m_proxyPort);
    auto *form = new QFormLayout;
    form->addRow(m_operatorLabel, m_operator);
    form->addRow(QString(), m_useOnion);
    form->addRow(m_proxyHostLabel, proxy);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_bootstrapLabel);
    layout->addWidget(m_bootstrap, 1);
    layout->addLayout(buttons);
    layout->addLayout(form);
    setTabOrder(m_bootstrap, m_addInstance);
    setTabOrder(m_addInstance, m_removeInstance);
    setTabOrder(m_removeInstance, m_operator);
    setTabOrder(m_operator, m_useOnion);
    setTabOrder(m_useOnion, m_proxyHost);
    setTabOrder(m_proxyHost, m_proxyPort);
    return page;
}

QWidget *SettingsDialog::buildNodeTab()
{
    auto *page = new QWidget(this);
    m_nodeUrlLabel = new QLabel(page);
    m_nodeUrl = new QLineEdit(page);
    m_nodeUrlLabel->setBuddy(m_nodeUrl);
    m_nodeUserLabel = new QLabel(page);
    m_nodeUser = new QLineEdit(page);
    m_nodeUserLabel->setBuddy(m_nodeUser);
    m_nodePasswordLabel = new QLabel(page);
    m_nodePassword = new QLineEdit(page);
    m_nodePassword->setEchoMode(QLineEdit::Password);
    m_nodePasswordLabel->setBuddy(m_nodePassword);
    auto *form = new QFormLayout(page);
    form->addRow(m_nodeUrlLabel, m_nodeUrl);
    form->addRow(m_nodeUserLabel, m_nodeUser);
    form->addRow(m_nodePasswordLabel, m_nodePassword);
    return page;
}

QWidget *SettingsDialog::buildMixingTab()
{
    auto *page = new QWidget(this);
    m_maxConcurrentLabel = new QLabel(page);
    m_maxConcurrent = new QSpinBox(page);
    m_maxConcurrent->setRange(1, kMaxConcurrentLimit);
    m_maxConcurrentLabel->setBuddy(m_maxConcurrent);
    m_autoMix = new QCheckBox(page);
    m_autoRemix = new QCheckBox(page);
    m_remixTargetLabel = new QLabel(page);
    m_remixTarget = new QSpinBox(page);
    m_remixTarget->setRange(0, 1000);
    m_remixTargetLabel->setBuddy(m_remixTarget);
    connect(m_autoRemix, &QCheckBox::toggled, m_remixTarget, &QWidget::setEnabled);
    auto *form = new QFormLayout(page);
    form->addRow(m_maxConcurrentLabel, m_maxConcurrent);
    form->addRow(QString(), m_autoMix);
    form->addRow(QString(), m_autoRemix);
    form->addRow(m_remixTargetLabel, m_remixTarget);
    return page;
}

QWidget *SettingsDialog::buildFeesTab()
{
    auto *page = new QWidget(this);
    m_feesIntro = new QLabel(page);
    m_feesIntro->setWordWrap(true);
    auto *form = new QFormLayout;
    for (size_t i = 0; i < m_fees.size(); ++i) {
        m_feeLabels[i] = new QLabel(page);
        m_fees[i] = new QSpinBox(page);
        m_fees[i]->setRange(1, 1000);
        m_feeLabels[i]->setBuddy(m_fees[i]);
        form->addRow(m_feeLabels[i], m_fees[i]);
    }
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_feesIntro);
    layout->addLayout(form);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildLanguageTab()
{
    auto *page = new QWidget(this);
    m_languageLabel = new QLabel(page);
    m_language = new QComboBox(page);
    for (const QString &code : languages())
        m_language->addItem(languageName(code), code);
    m_languageLabel->setBuddy(m_language);
    m_languageNote = new QLabel(page);
    m_languageNote->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_languageNote);
    layout->addStretch(1);
    return page;
}

QStringList SettingsDialog::languages() { return Translator::languages(); }

QString SettingsDialog::languageName(const QString &code)
{
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    if (code == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (code == QLatin1String("fr"))
        return QStringLiteral("Français");
    if (code == QLatin1String("es"))
        return QStringLiteral("Español");
    return code;
}

void SettingsDialog::addBootstrapRow(const proto::ClusterInstance &instance)
{
    const int row = m_bootstrap->rowCount();
    m_bootstrap->insertRow(row);
    m_bootstrap->setItem(row, NameColumn, new QTableWidgetItem(instance.name));
    m_bootstrap->setItem(row, ClearColumn, new QTableWidgetItem(instance.urlClear));
    m_bootstrap->setItem(row, OnionColumn, new QTableWidgetItem(instance.urlOnion));
    if (!instance.id.isEmpty())
        m_bootstrap->item(row, NameColumn)->setData(Qt::UserRole, instance.id);
}

void SettingsDialog::setSettings(const GuiSettings &s)
{
    m_bootstrap->setRowCount(0);
    for (const proto::ClusterInstance &instance : s.bootstrap)
        addBootstrapRow(instance);
    m_operator->setText(s.operatorAddress);
    m_useOnion->setChecked(s.useOnion);
    m_proxyHost->setText(s.proxyHost);
    m_proxyPort->setValue(s.proxyPort);
    m_nodeUrl->setText(s.nodeUrl);
    m_nodeUser->setText(s.nodeUser);
    m_nodePassword->setText(s.nodePassword);
    for (size_t i = 0; i < m_fees.size(); ++i)
        m_fees[i]->setValue(int(s.feeDefaults[i]));
    m_languageCode = s.language;
    const int language = m_language->findData(s.language);
    m_language->setCurrentIndex(language >= 0 ? language : 0);
    m_maxConcurrent->setValue(s.maxConcurrent);
    m_autoMix->setChecked(s.autoMix);
    m_autoRemix->setChecked(s.autoRemix);
    m_remixTarget->setValue(s.remixTarget);
    m_remixTarget->setEnabled(s.autoRemix);
    m_error->hide();
}

GuiSettings SettingsDialog::settings() const
{
    GuiSettings s;
    for (int row = 0; row < m_bootstrap->rowCount(); ++row) {
        proto::ClusterInstance instance;
        instance.name = cellText(m_bootstrap, row, NameColumn);
        instance.urlClear = cellText(m_bootstrap, row, ClearColumn);
        instance.urlOnion = cellText(m_bootstrap, row, OnionColumn);
        if (const QTableWidgetItem *item = m_bootstrap->item(row, NameColumn))
            instance.id = item->data(Qt::UserRole).toString();
        if (instance.name.isEmpty() && instance.urlClear.isEmpty() && instance.urlOnion.isEmpty())
            continue;
        s.bootstrap.append(instance);
    }
    s.operatorAddress = m_operator->text().trimmed();
    s.useOnion = m_useOnion->isChecked();
    s.proxyHost = m_proxyHost->text().trimmed();
    s.proxyPort = quint16(m_proxyPort->value());
    s.nodeUrl = m_nodeUrl->text().trimmed();
    s.nodeUser = m_nodeUser->text();
    s.nodePassword = m_nodePassword->text();
    for (size_t i = 0; i < m_fees.size(); ++i)
        s.feeDefaults[i] = m_fees[i]->value();
    s.language = m_language->currentData().toString();
    s.maxConcurrent = m_maxConcurrent->value();
    s.autoMix = m_autoMix->isChecked();
    s.autoRemix = m_autoRemix->isChecked();
    s.remixTarget = m_remixTarget->value();
    return s;
}

Result<void> SettingsDialog::validate() const
{
    const GuiSettings s = settings();
    if (s.bootstrap.isEmpty())
        return fail(1, tr("Add at least one coordinator instance (Cluster tab)."));
    for (int i = 0; i < s.bootstrap.size(); ++i) {
        const proto::ClusterInstance &instance = s.bootstrap[i];
        const QString name = instance.name.isEmpty() ? tr("instance %1").arg(i + 1) : instance.name;
        if (instance.urlClear.isEmpty() && instance.urlOnion.isEmpty())
            return fail(1, tr("%1 has no URL.").arg(name));
        if (!instance.urlClear.isEmpty() && !proto::parseInstanceUrl(instance.urlClear, false))
            return fail(1, tr("The clearnet URL of %1 is not valid (http://host:port or https://host).").arg(name));
        if (!instance.urlOnion.isEmpty() && !proto::parseInstanceUrl(instance.urlOnion, true))
            return fail(1, tr("The onion URL of %1 is not valid (http://….onion).").arg(name));
    }
    if (!s.operatorAddress.isEmpty() && !btc::Address::fromString(s.operatorAddress, btc::networkParams(m_network)))
        return fail(1, tr("The operator address is not a valid address of this wallet's network."));
    if (s.useOnion) {
        if (s.proxyHost.isEmpty() || s.proxyPort == 0)
            return fail(1, tr("Onion URLs need a SOCKS5 proxy (Tor), usually 127.0.0.1 port 9050."));
        if (std::none_of(s.bootstrap.cbegin(), s.bootstrap.cend(),
                         [](const proto::ClusterInstance &i) { return !i.urlOnion.isEmpty(); }))
            return fail(1, tr("\"Use onion\" is on, but no instance has an onion URL."));
    } else if (std::none_of(s.bootstrap.cbegin(), s.bootstrap.cend(),
                            [](const proto::ClusterInstance &i) { return !i.urlClear.isEmpty(); })) {
        return fail(1, tr("No instance has a clearnet URL: turn on \"Use onion\" or add one."));
    }
    if (!s.proxyHost.isEmpty() && s.proxyPort == 0)
        return fail(1, tr("Give the proxy's port."));
    const QUrl node(s.nodeUrl);
    if (s.nodeUrl.isEmpty() || !node.isValid() || node.host().isEmpty()
        || (node.scheme() != QLatin1String("http") && node.scheme() != QLatin1String("https")))
        return fail(1, tr("The node URL must look like http://127.0.0.1:8332 (Node tab)."));
    if (s.feeDefaults[0] < s.feeDefaults[1] || s.feeDefaults[1] < s.feeDefaults[2])
        return fail(1, tr("Default fees must go from fast (highest) to slow (lowest)."));
    // The engine's own checks, as a last word.
    client::DirectoryConfig config;
    config.bootstrap = s.bootstrap;
    config.operatorAddress = s.operatorAddress;
    config.network = m_network;
    config.useOnion = s.useOnion;
    if (auto ok = client::CoordinatorDirectory::validateBootstrap(config); !ok)
        return fail(1, ok.error().message);
    return {};
}

QString SettingsDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

void SettingsDialog::accept()
{
    if (const auto ok = validate(); !ok) {
        m_error->setText(ok.error().message);
        m_error->show();
        return;
    }
    m_error->hide();
    QDialog::accept();
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    m_tabs->setTabText(0, tr("&Cluster"));
    m_tabs->setTabText(1, tr("&Node"));
    m_tabs->setTabText(2, tr("&Mixing"));
    m_tabs->setTabText(3, tr("&Fees"));
    m_tabs->setTabText(4, tr("&Language"));
    m_bootstrapLabel->setText(tr("Coordinator &instances to start from. Any of them leads to the pools; the "
                                 "cluster's signed list adds the others."));
    m_bootstrap->setHorizontalHeaderLabels({tr("Name"), tr("Clearnet URL"), tr("Onion URL")});
    m_addInstance->setText(tr("&Add instance"));
    m_removeInstance->setText(tr("&Remove instance"));
    m_operatorLabel->setText(tr("O&perator address:"));
    m_operator->setToolTip(tr("The address that signs the cluster's list of instances. Empty: only the instances "
                              "above are used."));
    m_useOnion->setText(tr("Use &onion URLs (Tor)"));
    m_proxyHostLabel->setText(tr("SOCKS5 pro&xy:"));
    m_proxyHost->setPlaceholderText(tr("none (direct connections)"));
    m_proxyPortLabel->setText(tr("Por&t:"));
    m_nodeUrlLabel->setText(tr("RPC &URL:"));
    m_nodeUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:8332"));
    m_nodeUserLabel->setText(tr("RPC u&ser:"));
    m_nodePasswordLabel->setText(tr("RPC &password:"));
    m_maxConcurrentLabel->setText(tr("Coins mixing at &once:"));
    m_autoMix->setText(tr("Mix new premix coins &automatically"));
    m_autoRemix->setText(tr("&Remix mixed coins automatically (free)"));
    m_remixTargetLabel->setText(tr("Stop remixing af&ter:"));
    m_remixTarget->setSpecialValueText(tr("never"));
    m_remixTarget->setSuffix(tr(" mixes"));
    m_feesIntro->setText(tr("Fee rates used when the node cannot estimate them (regtest, a fresh node)."));
    m_feeLabels[0]->setText(tr("F&ast:"));
    m_feeLabels[1]->setText(tr("No&rmal:"));
    m_feeLabels[2]->setText(tr("Slo&w:"));
    for (QSpinBox *fee : m_fees)
        fee->setSuffix(tr(" sat/vB"));
    m_languageLabel->setText(tr("Lan&guage:"));
    m_languageNote->setText(tr("The language changes as soon as you press OK."));
    m_ok->setText(tr("OK"));
    m_cancel->setText(tr("Cancel"));
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wp::gui
