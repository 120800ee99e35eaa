package dev.tidings.loyalty;

/** The kinds of ledger entries (DESIGN §10): earned, expired, reversed (a cancelled booking), adjusted by hand. */
public enum EntryType { EARN, EXPIRE, REVERSE, ADJUST }
