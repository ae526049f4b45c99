#pragma once
#include <QWidget>

#include "latentset/experiments/CubeWorldSettings.h"

class QDoubleSpinBox;
class QSpinBox;

// The cube-world training's settings controls: the one place where the
// settings (contexts + SharedLatentSettings) map to widgets and back. The
// learning rate applies while running (learningRateChanged); every other
// field shapes the task (shapeChanged: "Reset to apply"). setValues()
// reports nothing.
class CubeTrainingForm : public QWidget {
    Q_OBJECT
public:
    // Core's cube-world experiment settings (latentset-cli cube train's
    // defaults); the form shows contexts and the members' training settings.
    using Values = latentset::CubeWorldSettings;
    explicit CubeTrainingForm(QWidget* parent = nullptr);

    Values values() const;
    void setValues(const Values& values);
    // Only the contexts (an injected dataset's count).
    void setContexts(int contexts);

    QDoubleSpinBox* learningRateBox() const { return lr_; }
    QSpinBox* hiddenBox() const { return hidden_; }

signals:
    void shapeChanged();
    void learningRateChanged(double rate);

private:
    Values base_; // the last setValues(): values() keeps what no control shows
    QSpinBox* contexts_ = nullptr;
    QSpinBox* hidden_ = nullptr;
    QSpinBox* latent_ = nullptr;
    QSpinBox* cross_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QDoubleSpinBox* lr_ = nullptr;
    QSpinBox* seed_ = nullptr;
    bool loading_ = false;
};
