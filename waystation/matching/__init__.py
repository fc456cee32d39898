"""Screening: normalize names, propose candidates cheaply (blocking), score and explain them."""
