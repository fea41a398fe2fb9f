"""Presenter mode: the deck full-screen for a hall — one message per slide, big type, no app chrome; `?notes=1`
opens the presenter view (speaker notes) for a second window."""
from cakupan import ui
from cakupan.data import db
from cakupan.presenter import deck_inputs
from cakupan.presenter import widgets as presenter_widgets

t = ui.setup_page("presenter", stage=True)
period, associations = ui.remembered_filter_choices()
scenarios = deck_inputs.scenarios_for_slides(ui.query, db.run("scenarios"))

# deck: title, national KPIs, growth, formal vs informal, association progress, gap (+ a chosen scenario);
# a slide is built when first shown, and kept for every session until the data changes
deck = presenter_widgets.deck(t, associations, period, presenter_widgets.chosen_scenario(scenarios),
                              ui.today())

if presenter_widgets.notes_view_requested():
    presenter_widgets.notes_view(deck, t)
else:
    index = presenter_widgets.current_index(len(deck))
    presenter_widgets.show_slide(deck[index], index, len(deck))
    seconds = presenter_widgets.controls(deck, index, scenarios, t)
    presenter_widgets.auto_advance(seconds, index, len(deck))
