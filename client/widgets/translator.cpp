#include <widgets/translator.h>

#include <QCoreApplication>
#include <QLocale>

namespace wp::gui {

Translator::Translator(QObject *parent) : QObject(parent) {}

Translator::~Translator()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

QStringList Translator::languages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr"), QStringLiteral("es")};
}

QString Translator::qmPath(const QString &code)
{
    if (code == QLatin1String("en") || !languages().contains(code))
        return {};
    return QStringLiteral(":/i18n/whirlpool_%1.qm").arg(code);
}

QString Translator::systemLanguage()
{
    for (const QString &ui : QLocale::system().uiLanguages()) {
        const QString code = ui.left(2).toLower();
        if (languages().contains(code))
            return code;
    }
    return QStringLiteral("en");
}

bool Translator::setLanguage(const QString &code)
{
    if (!languages().contains(code))
        return false;
    if (code == m_language)
        return true;
    std::unique_ptr<QTranslator> next;
    if (code != QLatin1String("en")) {
        next = std::make_unique<QTranslator>();
        if (!next->load(qmPath(code)))
            return false;
    }
    // The locale first: the LanguageChange events sent below repaint with it.
    QLocale::setDefault(QLocale(code));
    m_language = code;
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get()); // sends LanguageChange
    m_translator = std::move(next);
    if (m_translator)
        QCoreApplication::installTranslator(m_translator.get()); // sends LanguageChange
    Q_EMIT languageChanged(code);
    return true;
}

} // namespace wp::gui
