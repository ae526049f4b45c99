#include "shell/StartPage.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace {

struct Recipe {
    const char* id;
    const char* title;
    const char* text;
    const char* paper;
};

// What each recipe reproduces, in the paper's words and numbers.
constexpr Recipe kRecipes[] = {
    {"classify-mnist", "Classify MNIST",
     "Ten class autoencoders (784 → 2048 relu → 16 → 2048 → 784, tied), one per digit. "
     "The largest likelihood decides.",
     "Paper: 98.6 % on the 10,000 test digits (MLP baseline 98.4 %)."},
    {"cube-world", "Cube world",
     "100 autoencoders, one per face orientation of a rotating cube with digits on its faces, "
     "cross-trained into one shared latent space.",
     "Paper fig. 6 and 12: context transfer and the 10×10 context-likelihood map."},
    {"one-shot", "One-shot recognition",
     "Show two new glyphs (V and +) once in context 10; the halfway hyperplane between their codes "
     "separates them in every other context.",
     "Paper fig. 10–11: 100 / 100 contexts; distances 0.98 vs 6.21."},
    {"cube-concept", "Cube concept (level 2)",
     "A second-level autoencoder with one latent unit learns the context-likelihood vectors of "
     "rotating cubes; sliding it imagines a rotating cube for any glyph.",
     "Paper fig. 14–16: an imagined cube rotates, even for glyphs never seen on a cube."},
};

// Context worlds beyond the cube (docs/worlds.md): the Training view's
// "Context world" mode with the world's defaults, or the user's own folder.
constexpr Recipe kWorldRecipes[] = {
    {"world-rotation", "Rotation world",
     "36 autoencoders, one per 10° turn of a digit in the image plane, cross-trained into one latent space.",
     "Estimates a digit's angle from its context likelihoods (paper §6)."},
    {"world-scale-position", "Scale × position world",
     "48 autoencoders: 3 scales × 4 × 4 positions of a digit in a 64 × 64 frame (the licence-plate case).",
     "Tells where and how large a digit is, apart from what it is."},
    {"world-fonts", "Fonts world",
     "One autoencoder per installed font family; the same character in two fonts is a pair.",
     "Real data nobody drew for LatentSet; swap it to identify characters."},
    {"world-folder", "Your own paired folder",
     "One subfolder per context, the same file name for the same item, optional contexts.csv.",
     "Malformed layouts are named file by file (docs/worlds.md)."},
};

} // namespace

StartPage::StartPage(QWidget* parent) : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(32, 24, 32, 24);
    outer->setSpacing(14);

    auto* title = new QLabel(tr("<h1 style='margin:0'>LatentSet</h1>"
                                "<div>Sets of autoencoders with a shared latent space: train them, see which "
                                "context explains an input, transfer images between contexts, imagine a rotating "
                                "cube, test one-shot recognition.</div>"));
    title->setWordWrap(true);
    outer->addWidget(title);
    status_ = new QLabel;
    status_->setObjectName("startStatus");
    status_->setWordWrap(true);
    status_->setForegroundRole(QPalette::PlaceholderText); // secondary, but readable (palette(mid) was too faint)
    outer->addWidget(status_);

    auto* recipesTitle = new QLabel(tr("<h3 style='margin:0'>The paper's experiments</h3>"));
    outer->addWidget(recipesTitle);
    auto* grid = new QGridLayout;
    grid->setSpacing(12);
    int i = 0;
    for (const Recipe& r : kRecipes) {
        grid->addWidget(makeCard(r.id, tr(r.title), tr(r.text), tr(r.paper)), i / 2, i % 2);
        ++i;
    }
    outer->addLayout(grid);
    outer->addWidget(new QLabel(tr("<h3 style='margin:0'>Context worlds</h3>")));
    auto* worlds = new QGridLayout;
    worlds->setSpacing(12);
    i = 0;
    for (const Recipe& r : kWorldRecipes)
        worlds->addWidget(makeCard(r.id, tr(r.title), tr(r.text), tr(r.paper)), 0, i++);
    outer->addLayout(worlds);

    auto* recentTitle = new QLabel(tr("<h3 style='margin:0'>Recent projects</h3>"));
    outer->addWidget(recentTitle);
    recent_ = new QListWidget;
    recent_->setObjectName("recentProjects");
    recent_->setAccessibleName(tr("Recent projects"));
    recent_->setMaximumHeight(140);
    connect(recent_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit openProjectRequested(item->data(Qt::UserRole).toString());
    });
    outer->addWidget(recent_);
    auto* buttons = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open project…"));
    open->setAccessibleName(tr("Open a project file"));
    connect(open, &QPushButton::clicked, this, [this] { emit openProjectRequested({}); });
    buttons->addWidget(open);
    buttons->addStretch();
    outer->addLayout(buttons);
    outer->addStretch();
    refreshRecent();
}

QFrame* StartPage::makeCard(const QString& id, const QString& title, const QString& body, const QString& paperText)
{
    auto* card = new QFrame;
    card->setObjectName(QString("recipe-%1").arg(id));
    card->setFrameShape(QFrame::StyledPanel);
    auto* v = new QVBoxLayout(card);
    auto* head = new QLabel(QString("<b style='font-size:13pt'>%1</b>").arg(title));
    auto* text = new QLabel(body);
    text->setWordWrap(true);
    auto* paper = new QLabel(QString("<i>%1</i>").arg(paperText));
    paper->setWordWrap(true);
    auto* run = new QPushButton(tr("Set up"));
    run->setObjectName(QString("run-%1").arg(id));
    run->setAccessibleName(tr("Set up the %1 experiment").arg(title));
    run->setProperty("recipe", id);
    connect(run, &QPushButton::clicked, this, [this, id] { emit recipeRequested(id); });
    v->addWidget(head);
    v->addWidget(text, 1);
    v->addWidget(paper);
    auto* h = new QHBoxLayout;
    h->addStretch();
    h->addWidget(run);
    v->addLayout(h);
    return card;
}

QStringList StartPage::recentProjects() { return QSettings().value("recentProjects").toStringList(); }

void StartPage::addRecentProject(const QString& path)
{
    QStringList list = recentProjects();
    const QString abs = QFileInfo(path).absoluteFilePath();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > 8)
        list.removeLast();
    QSettings().setValue("recentProjects", list);
}

void StartPage::refreshRecent()
{
    recent_->clear();
    for (const QString& path : recentProjects()) {
        const QFileInfo info(path);
        auto* item = new QListWidgetItem(QString("%1 — %2").arg(info.fileName(), info.absolutePath()));
        item->setData(Qt::UserRole, path);
        if (!info.exists())
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        recent_->addItem(item);
    }
    if (recent_->count() == 0) {
        auto* item = new QListWidgetItem(tr("No recent projects. Pick an experiment above, or File → Open."));
        item->setFlags(Qt::NoItemFlags);
        recent_->addItem(item);
    }
}

void StartPage::setRecipeAvailable(const QString& id, bool available, const QString& why)
{
    if (auto* button = findChild<QPushButton*>(QString("run-%1").arg(id))) {
        button->setEnabled(available);
        button->setToolTip(available ? QString() : why);
    }
}

void StartPage::setStatus(const QString& text) { status_->setText(text); }
