"""Follow-up of protection orders (issue 13, Fuerza Rosa), pure: ``records`` (the feed
records: plan, patrol visit, interview, follow-up call), ``defaults`` (the plan per risk
level and the GPS proof parameters, from ``resources/follow_up/plan_defaults.toml``),
``planning`` (default plan, schedule, assignment to units), ``proof`` (the streaming
detector of visits proven by GPS), ``reports`` (overdue list, month counts) and
``commands`` (the handlers registered in :func:`c4console.core.commands.decide`).
"""
