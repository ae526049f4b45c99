#include "training/TrainingPanel.h"

#include "training/ClassSetForm.h"
#include "training/ConceptTrainingPanel.h"
#include "training/CubeTrainingPanel.h"
#include "training/TrainingStrip.h"
#include "training/WorldTrainingPanel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QVBoxLayout>

TrainingPanel::TrainingPanel(Session* session, QWidget* parent) : QWidget(parent), session_(session)
{
    auto* page = new QVBoxLayout(this);
    auto* modeRow = new QHBoxLayout;
    mode_ = new QComboBox;
    mode_->setAccessibleName(tr("What to train"));
    mode_->addItem(tr("Class set (one member per class)"), "class-set");
    mode_->addItem(tr("Cube world (one member per cube context, shared latent)"), "cube-world");
    mode_->addItem(tr("Level-2 concept (one unit over the cube world's context maps)"), "concept");
    mode_->addItem(tr("Context world (rotation, scale × position, fonts, cube, your folder)"), "world");
    modeRow->addWidget(new QLabel(tr("Train:")));
    modeRow->addWidget(mode_);
    modeRow->addStretch();
    page->addLayout(modeRow);
    pages_ = new QStackedWidget;
    page->addWidget(pages_, 1);
    classSet_ = new ClassSetTrainingPanel(session_);
    pages_->addWidget(classSet_);
    cube_ = new CubeTrainingPanel(session_);
    pages_->addWidget(cube_);
    concept_ = new ConceptTrainingPanel(session_);
    pages_->addWidget(concept_);
    world_ = new WorldTrainingPanel(session_);
    pages_->addWidget(world_);
    connect(mode_, &QComboBox::currentIndexChanged, pages_, &QStackedWidget::setCurrentIndex);
    // Space and "." are the strips' (TrainingStrip); Ctrl+R resets the mode shown.
    // Work pending on either page (a dataset read, a task build, a
    // validation) makes the view busy (MainWindow::waitUntilIdle, tests).
    classSet_->installEventFilter(this);
    cube_->installEventFilter(this);
    world_->installEventFilter(this);
    auto* ctrlR = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), this, this, &TrainingPanel::reset);
    ctrlR->setContext(Qt::WidgetWithChildrenShortcut);
}

TrainingPanel::~TrainingPanel() = default;

bool TrainingPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::DynamicPropertyChange
        && static_cast<QDynamicPropertyChangeEvent*>(event)->propertyName() == "busy")
        setProperty("busy", classSet_->property("busy").toBool() || cube_->property("busy").toBool()
                                || world_->property("busy").toBool());
    return QWidget::eventFilter(watched, event);
}

TrainingController* TrainingPanel::cube() const
{
    return cube_;
}

TrainingController* TrainingPanel::current() const
{
    switch (mode()) {
    case Mode::ClassSet:
        return classSet_;
    case Mode::Cube:
        return cube_;
    case Mode::World:
        return world_;
    case Mode::Concept:
        break;
    }
    return nullptr;
}

void TrainingPanel::setMode(Mode mode)
{
    mode_->setCurrentIndex(int(mode));
}

TrainingPanel::Mode TrainingPanel::mode() const
{
    return Mode(mode_->currentIndex());
}

std::vector<TrainingController*> TrainingPanel::controllers() const
{
    return {classSet_, cube_};
}

void TrainingPanel::setCubeMode(bool cube)
{
    setMode(cube ? Mode::Cube : Mode::ClassSet);
}

bool TrainingPanel::cubeMode() const
{
    return mode() == Mode::Cube;
}

QPushButton* TrainingPanel::playButton() const { return classSet_->strip()->playButton(); }
QPushButton* TrainingPanel::stepButton() const { return classSet_->strip()->stepButton(); }
QPushButton* TrainingPanel::resetButton() const { return classSet_->strip()->resetButton(); }
QLabel* TrainingPanel::speedLabel() const { return classSet_->strip()->speedLabel(); }
QDoubleSpinBox* TrainingPanel::learningRateBox() const { return classSet_->form()->learningRateBox(); }
QSpinBox* TrainingPanel::batchSizeBox() const { return classSet_->form()->batchSizeBox(); }

void TrainingPanel::setSettings(const latentset::AutoencoderConfig& config, const latentset::ClassSetSettings& s,
                                int epochs)
{
    ClassSetFormValues v = classSet_->form()->values();
    v.model = config;
    v.batchSize = s.batchSize;
    v.optimizer = s.optimizer;
    v.maskingNoise = s.maskingNoise;
    v.shiftPixels = s.shiftPixels;
    v.seed = s.seed; // the experiment's seed: the batch order then follows its rule
    v.epochs = epochs;
    classSet_->setValues(v);
}

void TrainingPanel::applyMnistRecipe()
{
    const ClassSetFormValues recipe; // latentset-cli mnist's defaults
    classSet_->form()->setValues(recipe);
    classSet_->loadDataset(recipe.dataset.empty() ? QStringLiteral("mnist") : QString::fromStdString(recipe.dataset));
}

void TrainingPanel::applyProject(const QJsonObject& project, std::shared_ptr<const latentset::AutoencoderSet> set,
                                 std::string trainingState)
{
    TrainingHandOff opened;
    opened.classSetProject = project;
    opened.classSet = std::move(set);
    opened.classSetState = std::move(trainingState);
    classSet_->adopt(opened);
}

void TrainingPanel::adoptSet(const latentset::AutoencoderSet& set)
{
    TrainingHandOff opened;
    opened.classSet = std::make_shared<const latentset::AutoencoderSet>(set.inferenceCopy());
    classSet_->adopt(opened);
}

void TrainingPanel::setSaving(bool saving)
{
    for (TrainingController* c : controllers())
        c->setSaving(saving);
}

void TrainingPanel::togglePlay()
{
    if (TrainingController* c = current())
        c->togglePlay();
    else
        concept_->toggleTraining();
}

void TrainingPanel::step()
{
    if (TrainingController* c = current())
        c->step();
}

void TrainingPanel::reset()
{
    if (TrainingController* c = current())
        c->reset();
}
