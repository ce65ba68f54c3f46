/* tslint:disable */
/* eslint-disable */
export * from './DevicesApi.js';
