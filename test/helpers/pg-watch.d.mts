export declare const CONCURRENT_QUERY: RegExp;
