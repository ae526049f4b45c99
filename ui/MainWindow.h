#pragma once
#include <QMainWindow>

class QTabWidget;

// The coordinator: places the views in tabs and wires their signals. Logic
// lives in the views (ui/) and in core/, never here.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows the view registered under `name` ("start", "dataset", ...).
    // Returns false if there is no such view.
    bool showView(const QString& name);
    QStringList viewNames() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addView(const QString& name, const QString& title, QWidget* view);
    void buildMenus();

    QTabWidget* tabs_ = nullptr;
    QStringList viewNames_;
};
