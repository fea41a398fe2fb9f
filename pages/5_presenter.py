"""Presenter mode: the deck full-screen for a hall — one message per slide, big type, no app chrome."""
import streamlit as st

from cakupan import db, slides, stage, ui

t = ui.setup_page("presenter", stage=True)
period, associations = ui.remembered_filter_choices()
scenarios = slides.saved_scenarios(ui.query, db.run("scenarios"))

# deck: title, national KPIs, growth, formal vs informal, association progress, gap (+ a chosen scenario)
inputs = slides.gather_inputs(ui.query, associations, period, stage.chosen_scenario(scenarios))
deck = slides.build_slides(inputs, t)
index = stage.current_index(len(deck))

stage.show_slide(deck[index], index, len(deck))
seconds = stage.controls(deck, index, scenarios, t)
stage.auto_advance(seconds, index, len(deck))
st.caption(t("presenter.footer"))
