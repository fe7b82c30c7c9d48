/** How a compared figure is printed: a plain number, a percentage, a duration, money, or a rate per second. */
export type MetricUnit = 'count' | 'fraction' | 'ms' | 'money' | 'rate';
