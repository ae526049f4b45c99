#pragma once
#include <QWidget>

#include "training/ClassSetFormValues.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// The class-set training's settings controls (data, architecture,
// optimiser): the one place where ClassSetFormValues map to widgets and
// back (values(), setValues()). Edits are reported by kind: the learning
// rate and the batch size apply while training (learningRateChanged,
// batchSizeChanged), every other field is fixed for a task's life
// (fixedSettingChanged names it for the "press Reset" banner). setValues()
// reports nothing.
//
// The note under the batch size ("batch size 128 from the next epoch")
// keeps its space while hidden, so its appearing never moves what is below.
class ClassSetForm : public QWidget {
    Q_OBJECT
public:
    explicit ClassSetForm(QWidget* parent = nullptr);

    // Throws latentset::Error naming a hidden size that is not a positive number.
    ClassSetFormValues values() const;
    void setValues(const ClassSetFormValues& values);
    // The shape fields only (an opened set's architecture).
    void setModelShape(const latentset::AutoencoderConfig& model);
    // Empty hides the note (its space stays).
    void setBatchNote(const QString& text);

    QString datasetId() const;
    QDoubleSpinBox* learningRateBox() const { return lr_; }
    QSpinBox* batchSizeBox() const { return batch_; }

signals:
    void loadRequested(const QString& datasetId);
    void fixedSettingChanged(const QString& name);
    void learningRateChanged(double rate);
    void batchSizeChanged(int size);

private:
    QWidget* dataBox();
    QWidget* architectureBox();
    QWidget* optimiserBox();
    void wire();
    void fixed(QObject* sender, const QString& name);

    QComboBox* dataset_ = nullptr;
    QSpinBox* validation_ = nullptr;
    QLineEdit* hidden_ = nullptr;
    QSpinBox* latent_ = nullptr;
    QCheckBox* tied_ = nullptr;
    QComboBox* activation_ = nullptr;
    QComboBox* optimizer_ = nullptr;
    QDoubleSpinBox* lr_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QLabel* batchNote_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QDoubleSpinBox* noise_ = nullptr;
    QSpinBox* seed_ = nullptr;
    ClassSetFormValues base_; // the last setValues(): values() keeps what no control shows
    bool loading_ = false;    // setValues: no change signals
};
