#pragma once
#include <QJsonObject>
#include <QWidget>

#include "views/WorldInput.h"

class GlyphPicker;
class QComboBox;
class QLabel;
class QSpinBox;
class Session;
struct SessionWorld;

// The input row of the world views: a held-out item of the session's world
// (by index, with its name) or a glyph (GlyphPicker: dataset samples,
// built-in glyphs, glyphs drawn on the pad) for worlds that show glyphs.
// GUI thread only.
class WorldInputBar : public QWidget {
    Q_OBJECT
public:
    explicit WorldInputBar(Session* session, const QString& prefix, QWidget* parent = nullptr);

    // Follows the world: the item range, whether glyphs are offered.
    void setWorld(const SessionWorld* world);
    WorldInput input() const;
    QSpinBox* itemBox() const { return item_; }
    QComboBox* kindBox() const { return kind_; }
    GlyphPicker* picker() const { return picker_; }
    QJsonObject viewState() const;
    void restoreViewState(const QJsonObject& state);

signals:
    void changed();

private:
    void showKind();

    QComboBox* kind_ = nullptr;
    QSpinBox* item_ = nullptr;
    QLabel* itemName_ = nullptr;
    GlyphPicker* picker_ = nullptr;
    const SessionWorld* world_ = nullptr; // the views' current world (they keep it alive)
};
