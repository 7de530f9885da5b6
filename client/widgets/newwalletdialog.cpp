#include <widgets/newwalletdialog.h>

#include <widgets/layouthelpers.h>
#include <widgets/passwordfields.h>

#include <bitcoin/bip39.h>
#include <crypto/random.h>
#include <util/assert.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace wp::gui {

namespace {

constexpr int kWords = 12;
constexpr int kConfirmWords = 3;

} // namespace

NewWalletDialog::NewWalletDialog(QWidget *parent) : QDialog(parent)
{
    // 128 bits of fresh entropy -> 12 words. entropyToMnemonic only fails for other lengths.
    QByteArray entropy = crypto::randomBytes(16);
    auto words = btc::entropyToMnemonic(entropy);
    entropy.fill('\0');
    WP_ASSERT(words);
    m_mnemonic = *words;
    // Three distinct positions to confirm.
    while (m_positions.size() < kConfirmWords) {
        const int p = int(crypto::randomBelow(kWords)) + 1;
        if (!m_positions.contains(p))
            m_positions.append(p);
    }
    std::sort(m_positions.begin(), m_positions.end());

    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildWordsPage());
    m_pages->addWidget(buildConfirmPage());
    m_pages->addWidget(buildPasswordPage());
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    // Back, Next/Create, Cancel in this order on every platform (a wizard's order).
    m_back = new QPushButton(this);
    m_next = new QPushButton(this);
    m_cancel = new QPushButton(this);
    m_next->setDefault(true);
    connect(m_back, &QPushButton::clicked, this, &NewWalletDialog::back);
    connect(m_next, &QPushButton::clicked, this, [this] { next(); });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addSpacing(fontMetrics().horizontalAdvance(QLatin1Char('M')));
    buttons->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(m_title);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    retranslateUi();
    updateButtons();
}

NewWalletDialog::~NewWalletDialog()
{
    m_mnemonic.fill(QLatin1Char(' '));
}

QWidget *NewWalletDialog::buildWordsPage()
{
    auto *page = new QWidget(this);
    m_wordsIntro = new QLabel(page);
    m_wordsIntro->setWordWrap(true);
    auto *grid = new QGridLayout;
    const QStringList words = m_mnemonic.split(QLatin1Char(' '));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF() * 1.15);
    for (int i = 0; i < words.size(); ++i) {
        auto *label = new QLabel(QStringLiteral("%1. %2").arg(i + 1, 2).arg(words[i]), page);
        label->setFont(mono);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_wordLabels.append(label);
        // Three columns, read top to bottom.
        grid->addWidget(label, i % 4, i / 4);
    }
    grid->setHorizontalSpacing(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 3);
    m_wordsWarning = new QLabel(page);
    m_wordsWarning->setWordWrap(true);
    m_writtenDown = new QCheckBox(page);
    connect(m_writtenDown, &QCheckBox::toggled, this, &NewWalletDialog::updateButtons);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_wordsIntro);
    layout->addLayout(grid);
    layout->addWidget(m_wordsWarning);
    layout->addStretch(1);
    layout->addWidget(m_writtenDown);
    return page;
}

QWidget *NewWalletDialog::buildConfirmPage()
{
    auto *page = new QWidget(this);
    m_confirmIntro = new QLabel(page);
    m_confirmIntro->setWordWrap(true);
    auto *form = new QFormLayout;
    QWidget *previous = nullptr;
    for (int i = 0; i < kConfirmWords; ++i) {
        auto *label = new QLabel(page);
        auto *edit = new QLineEdit(page);
        edit->setInputMethodHints(Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase | Qt::ImhSensitiveData);
        label->setBuddy(edit);
        connect(edit, &QLineEdit::textChanged, this, &NewWalletDialog::updateButtons);
        form->addRow(label, edit);
        m_confirmLabels.append(label);
        m_confirm.append(edit);
        if (previous)
            setTabOrder(previous, edit);
        previous = edit;
    }
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_confirmIntro);
    layout->addLayout(form);
    layout->addStretch(1);
    return page;
}

QWidget *NewWalletDialog::buildPasswordPage()
{
    auto *page = new QWidget(this);
    m_usePassphrase = new QCheckBox(page);
    m_passphraseInfo = new QLabel(page);
    m_passphraseInfo->setWordWrap(true);
    m_passphraseLabel = new QLabel(page);
    m_passphraseRepeatLabel = new QLabel(page);
    m_passphrase = new QLineEdit(page);
    m_passphraseRepeat = new QLineEdit(page);
    for (QLineEdit *e : {m_passphrase, m_passphraseRepeat}) {
        e->setEchoMode(QLineEdit::Password);
        e->setEnabled(false);
        connect(e, &QLineEdit::textChanged, this, &NewWalletDialog::updateButtons);
    }
    m_passphraseLabel->setBuddy(m_passphrase);
    m_passphraseRepeatLabel->setBuddy(m_passphraseRepeat);
    connect(m_usePassphrase, &QCheckBox::toggled, this, [this](bool on) {
        m_passphrase->setEnabled(on);
        m_passphraseRepeat->setEnabled(on);
        m_passphraseInfo->setVisible(on);
        updateButtons();
        growToContents(this);
    });
    m_passphraseInfo->hide();
    m_password = new PasswordFields(page);
    connect(m_password, &PasswordFields::changed, this, &NewWalletDialog::updateButtons);

    auto *passphraseForm = new QFormLayout;
    passphraseForm->addRow(m_passphraseLabel, m_passphrase);
    passphraseForm->addRow(m_passphraseRepeatLabel, m_passphraseRepeat);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_password);
    layout->addSpacing(fontMetrics().height());
    layout->addWidget(m_usePassphrase);
    layout->addWidget(m_passphraseInfo);
    layout->addLayout(passphraseForm);
    layout->addStretch(1);
    setTabOrder(m_password->repeatEdit(), m_usePassphrase);
    setTabOrder(m_usePassphrase, m_passphrase);
    setTabOrder(m_passphrase, m_passphraseRepeat);
    return page;
}

QString NewWalletDialog::passphrase() const
{
    return m_usePassphrase->isChecked() ? m_passphrase->text() : QString();
}

QString NewWalletDialog::password() const { return m_password->password(); }

NewWalletDialog::Page NewWalletDialog::page() const { return Page(m_pages->currentIndex()); }

QString NewWalletDialog::stepProblem() const
{
    switch (page()) {
    case WordsPage:
        if (!m_writtenDown->isChecked())
            return tr("Write the words down first, then tick the box.");
        return {};
    case ConfirmPage: {
        const QStringList words = m_mnemonic.split(QLatin1Char(' '));
        for (int i = 0; i < m_confirm.size(); ++i) {
            const QString typed = m_confirm[i]->text().trimmed().toLower();
            if (typed != words[m_positions[i] - 1])
                return tr("Word #%1 is not the word shown on the previous page. Go back and check what you wrote "
                          "down.")
                    .arg(m_positions[i]);
        }
        return {};
    }
    case PasswordPage:
        if (m_usePassphrase->isChecked()) {
            if (m_passphrase->text().isEmpty())
                return tr("Type the passphrase twice, or untick the passphrase option.");
            if (m_passphrase->text() != m_passphraseRepeat->text())
                return tr("The two passphrases differ.");
        }
        return m_password->problem();
    }
    return {};
}

bool NewWalletDialog::next()
{
    const QString problem = stepProblem();
    if (!problem.isEmpty()) {
        showError(problem);
        return false;
    }
    showError({});
    if (page() == PasswordPage) {
        accept();
        return true;
    }
    m_pages->setCurrentIndex(m_pages->currentIndex() + 1);
    if (page() == ConfirmPage)
        m_confirm.first()->setFocus();
    else
        m_password->setFocus();
    retranslateUi();
    updateButtons();
    growToContents(this);
    return true;
}

void NewWalletDialog::back()
{
    if (page() == WordsPage)
        return;
    showError({});
    m_pages->setCurrentIndex(m_pages->currentIndex() - 1);
    retranslateUi();
    updateButtons();
}

QString NewWalletDialog::errorText() const { return m_error->text(); }

void NewWalletDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    growToContents(this);
}

void NewWalletDialog::updateButtons()
{
    m_back->setEnabled(page() != WordsPage);
    // The button stays enabled on incomplete steps (next() says why), except the first one.
    m_next->setEnabled(page() != WordsPage || m_writtenDown->isChecked());
}

void NewWalletDialog::retranslateUi()
{
    setWindowTitle(tr("New wallet"));
    switch (page()) {
    case WordsPage: m_title->setText(tr("Step 1 of 3: your recovery words")); break;
    case ConfirmPage: m_title->setText(tr("Step 2 of 3: check the words")); break;
    case PasswordPage: m_title->setText(tr("Step 3 of 3: protect the wallet file")); break;
    }
    m_wordsIntro->setText(tr("These 12 words are your wallet. Write them on paper, in this order."));
    m_wordsWarning->setText(tr("Keep them offline and private: anyone who sees them can take your coins. Without "
                               "them, a lost or damaged wallet file cannot be recovered. Never type them into a "
                               "website."));
    m_writtenDown->setText(tr("I have &written down the 12 words"));
    m_confirmIntro->setText(tr("Type these words from your paper copy, to be sure it is complete and readable."));
    for (int i = 0; i < m_confirmLabels.size(); ++i)
        m_confirmLabels[i]->setText(tr("Word #%1:").arg(m_positions[i]));
    m_usePassphrase->setText(tr("Add a BIP39 passp&hrase (advanced)"));
    m_passphraseInfo->setText(tr("The passphrase becomes part of the seed: the 12 words alone will NOT restore this "
                                 "wallet. Write it down too; it cannot be changed or recovered."));
    m_passphraseLabel->setText(tr("Pa&ssphrase:"));
    m_passphraseRepeatLabel->setText(tr("Repeat p&assphrase:"));
    m_back->setText(tr("&Back"));
    m_next->setText(page() == PasswordPage ? tr("&Create wallet") : tr("&Next"));
    m_cancel->setText(tr("Cancel"));
}

void NewWalletDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace wp::gui
