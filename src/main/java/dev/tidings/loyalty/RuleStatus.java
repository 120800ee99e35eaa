package dev.tidings.loyalty;

/** Whether a rule or milestone earns: only ACTIVE ones are evaluated by the engine. */
public enum RuleStatus { ACTIVE, INACTIVE }
