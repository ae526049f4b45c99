#pragma once
#include <QJsonObject>
#include <QWidget>

#include "latentset/util/Types.h"

class QComboBox;
class QLabel;
class QSpinBox;
class Session;

// Picks a 28x28 glyph for the views that paint or encode one: a sample of
// the session's dataset (by index), a built-in glyph (V, +, shapes, letters:
// core data/BuiltinGlyphs) or one the user drew on the pad.
// glyph() is the 784-vector (row-major, [0, 1]); empty if none is available.
class GlyphPicker : public QWidget {
    Q_OBJECT
public:
    explicit GlyphPicker(Session* session, QWidget* parent = nullptr);

    latentset::Vector glyph() const { return glyph_; }
    QString glyphName() const { return name_; }
    // Selects by kind: "sample" (index), "builtin" (name), "drawn" (name).
    bool select(const QString& kind, const QString& nameOrIndex);
    // The pick for a project ({"kind", "name"}) and back (ui/project).
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

signals:
    void glyphChanged();

private:
    void rebuildNames();
    void refresh();

    Session* session_;
    QComboBox* kind_ = nullptr;
    QComboBox* name_box_ = nullptr;
    QSpinBox* index_ = nullptr;
    QLabel* preview_ = nullptr;
    latentset::Vector glyph_;
    QString name_;
};
