"""Fuerza Rosa follow-up at the console (issue 13): the Seguimiento dock, its forms, the
visits on the unit board, the planned stops on the map and the handover section."""
