/**
 * How a compared figure is printed: a count (an integer where the mean is one), a plain number, a percentage,
 * a duration, hours, money (dollars, as `hourlyCost` is priced), or a rate per second.
 */
export type MetricUnit = 'count' | 'number' | 'fraction' | 'ms' | 'hours' | 'money' | 'rate';

/** Which way a compared figure is better, for the figures where one is (the table marks the best mean). */
export type Better = 'lower' | 'higher';
