#pragma once
#include <QWidget>

#include "latentset/experiments/WorldTrainSettings.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;

// The context-world training's settings controls (docs/ui.md "World
// training"): which world (rotation, scale-position, fonts, cube, the user's
// paired folder) with its parameters, and the members' training settings —
// the one place where core's WorldTrainSettings (what `latentset-cli world
// train` takes) maps to widgets and back. Only the rows of the chosen kind
// are shown. The learning rate applies while running (learningRateChanged);
// every other field shapes the task (shapeChanged: "Reset to apply").
// setValues() reports nothing.
class WorldTrainingForm : public QWidget {
    Q_OBJECT
public:
    struct Values {
        latentset::WorldTrainSettings settings;
        // Fonts worlds: how many installed families to take when
        // settings.world.fonts names none (FontGlyphs::families).
        int fontCount = 10;
    };
    explicit WorldTrainingForm(QWidget* parent = nullptr);

    Values values() const;
    void setValues(const Values& values);
    // Shows the kind's defaults (WorldSpec::named); a folder keeps its path.
    void setKind(const QString& kind);
    QString kind() const;

    QComboBox* kindBox() const { return kind_; }
    QSpinBox* contextsBox() const { return contexts_; }
    QSpinBox* hiddenBox() const { return hidden_; }
    QDoubleSpinBox* learningRateBox() const { return lr_; }
    QLineEdit* folderEdit() const { return folder_; }

signals:
    void shapeChanged();
    void learningRateChanged(double rate);

private:
    QWidget* makeFolderRow(); // the path and its Browse… button
    void connectSignals();
    void showRows();
    void changed();

    Values base_;
    QFormLayout* form_ = nullptr;
    QComboBox* kind_ = nullptr;
    QComboBox* glyphs_ = nullptr;
    QSpinBox* contexts_ = nullptr;
    QDoubleSpinBox* turn_ = nullptr;
    QSpinBox* scales_ = nullptr;
    QSpinBox* positions_ = nullptr;
    QSpinBox* frame_ = nullptr;
    QSpinBox* fonts_ = nullptr;
    QLineEdit* characters_ = nullptr;
    QLineEdit* folder_ = nullptr;
    QWidget* folderRow_ = nullptr;
    QCheckBox* swap_ = nullptr;
    QSpinBox* hidden_ = nullptr;
    QSpinBox* latent_ = nullptr;
    QSpinBox* cross_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QDoubleSpinBox* lr_ = nullptr;
    QSpinBox* seed_ = nullptr;
    bool loading_ = false;
};
