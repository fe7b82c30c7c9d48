/**
 * How a compared figure is printed: a count (an integer where the mean is one), a plain number, a percentage,
 * a duration, hours, money (dollars to the cent, as `hourlyCost` is priced), small money (dollars to three
 * significant figures below $1, for bills of fractions of a cent such as a function's), or a rate per second.
 */
export type MetricUnit = 'count' | 'number' | 'fraction' | 'ms' | 'hours' | 'money' | 'smallMoney' | 'rate';

/** Which way a compared figure is better, for the figures where one is (the table marks the best mean). */
export type Better = 'lower' | 'higher';
