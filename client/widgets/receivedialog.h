#pragma once

#include <bitcoin/network.h>

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace wp::gui {

/// Where to send bitcoin to the wallet: its deposit address (read-only and
/// selectable, with a Copy button), the network it belongs to, and what happens
/// next (the coins show up in the Deposit account; a Tx0 then makes premix coins
/// of them). "New address" asks the caller for another unused address, for a
/// second payer (newAddressRequested(), answered with setAddress()).
/// Retranslates itself on QEvent::LanguageChange.
class ReceiveDialog : public QDialog {
    Q_OBJECT
public:
    explicit ReceiveDialog(btc::Network network, QWidget *parent = nullptr);

    /// Shows @p address (clears any error).
    void setAddress(const QString &address);
    /// Shows why there is no address (translated by the caller).
    void setError(const QString &message);
    QString address() const;

    QLineEdit *addressEdit() const { return m_address; }
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *newAddressButton() const { return m_newAddress; }

Q_SIGNALS:
    /// The user wants another unused address.
    void newAddressRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    btc::Network m_network;
    QLabel *m_intro = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_next = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_newAddress = nullptr;
    QPushButton *m_close = nullptr;
    bool m_copied = false;
};

} // namespace wp::gui
