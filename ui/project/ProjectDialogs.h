#pragma once
// The modal questions of File > Open / Save / close and recovery, apart from
// the protocol that asks them (ProjectController). GUI thread; each blocks in
// its own event loop until answered. Boxes carry object names ("unsavedBox",
// "recoverBox") so tests can answer them.
#include <QString>

class QWidget;

namespace ProjectDialogs {

enum class Unsaved { Save, Discard, Cancel };
// "The session has unsaved work": Save / Discard / Cancel.
Unsaved askUnsaved(QWidget* parent, const QString& title, const QString& informative);

// The Open dialog: projects and the models latentset-cli writes, one filter.
QString askOpenPath(QWidget* parent, const QString& folder);

// The Save dialog. Its file type is the size choice: with the training state
// (`*withState` true) or weights only; `*withState` comes in as the choice to
// offer first. Empty if cancelled; the path ends in .lset.
QString askSavePath(QWidget* parent, const QString& suggestion, bool* withState);

enum class Recovery { Recover, Discard, Later };
// "LatentSet did not close normally": the newest crashed autosave at `path`.
Recovery askRecovery(QWidget* parent, const QString& path);

} // namespace ProjectDialogs
