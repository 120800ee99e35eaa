package dev.tidings.store;

import java.util.List;

/** One page of a newest-first list; {@code next} is null on the last page. */
public record Page<T>(List<T> items, Cursor next) {}
