#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>

namespace wp::gui {

/// Installs the application's language at runtime: the compiled translations
/// are built into the library as the resource ":/i18n/whirlpool_<code>.qm".
/// Installing or removing a translator makes Qt send QEvent::LanguageChange to
/// every widget, which retranslate themselves; the default QLocale follows the
/// language (number and date formats).
///
/// Thread affinity: the GUI thread; needs a QCoreApplication.
class Translator : public QObject {
    Q_OBJECT
public:
    explicit Translator(QObject *parent = nullptr);
    ~Translator() override;

    /// The language codes available, English (the source language) first.
    static QStringList languages();
    /// The resource path of a language's compiled translation (empty for "en").
    static QString qmPath(const QString &code);
    /// The first of languages() matching the system's UI languages, else "en".
    static QString systemLanguage();

    /// Switches to @p code ("en", "de", "fr", "es"). Returns: false (keeping the
    /// current language) for an unknown code or a translation that fails to load.
    bool setLanguage(const QString &code);
    QString language() const { return m_language; }

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    std::unique_ptr<QTranslator> m_translator;
    QString m_language = QStringLiteral("en");
};

} // namespace wp::gui
