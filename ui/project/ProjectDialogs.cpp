#include "project/ProjectDialogs.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace ProjectDialogs {

Unsaved askUnsaved(QWidget* parent, const QString& title, const QString& informative)
{
    QMessageBox box(QMessageBox::Warning, title, QObject::tr("The session has unsaved work."),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent);
    box.setObjectName("unsavedBox");
    box.setInformativeText(informative);
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return Unsaved::Save;
    case QMessageBox::Discard:
        return Unsaved::Discard;
    default:
        return Unsaved::Cancel;
    }
}

QString askOpenPath(QWidget* parent, const QString& folder)
{
    return QFileDialog::getOpenFileName(parent, QObject::tr("Open project or model"), folder,
                                        QObject::tr("LatentSet files (*.lset *.latentset *.lsm *.model);;All files (*)"));
}

QString askSavePath(QWidget* parent, const QString& suggestion, bool* withState)
{
    // A paper-size class set is ~65 MB of weights, ~4x that with the Adam
    // moments and the views' copy (docs/ui.md).
    const QString full = QObject::tr("LatentSet project with training state, to resume exactly (*.lset)");
    const QString weights = QObject::tr("LatentSet project, weights only (*.lset)");
    QFileDialog dialog(parent, QObject::tr("Save project"), suggestion);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setNameFilters({full, weights});
    dialog.selectNameFilter(*withState ? full : weights);
    dialog.setDefaultSuffix("lset");
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    *withState = dialog.selectedNameFilter() != weights;
    QString path = dialog.selectedFiles().first();
    if (QFileInfo(path).suffix().isEmpty())
        path += ".lset";
    return path;
}

Recovery askRecovery(QWidget* parent, const QString& path)
{
    const QFileInfo newest(path);
    QMessageBox box(QMessageBox::Question, QObject::tr("Recover session"),
                    QObject::tr("LatentSet did not close normally. A session was autosaved at %1.")
                        .arg(QLocale().toString(newest.lastModified(), QLocale::ShortFormat)),
                    QMessageBox::NoButton, parent);
    box.setObjectName("recoverBox");
    box.setInformativeText(QObject::tr("Recover it? (%1 MB, %2)")
                               .arg(double(newest.size()) / 1e6, 0, 'f', 1)
                               .arg(newest.filePath()));
    QPushButton* recover = box.addButton(QObject::tr("Recover"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(QObject::tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(QObject::tr("Later"), QMessageBox::RejectRole);
    box.setDefaultButton(recover);
    box.exec();
    if (box.clickedButton() == recover)
        return Recovery::Recover;
    return box.clickedButton() == discard ? Recovery::Discard : Recovery::Later;
}

} // namespace ProjectDialogs
