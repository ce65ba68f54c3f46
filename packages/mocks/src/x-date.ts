// One X-Date formatter and parser for the whole project: the client's, so the mocks judge exactly what it signs.
export { formatXDate, type ParsedXDate, parseXDate } from '@koodrive-device/client';
