#!/bin/sh
# shared shell test helpers — being written
