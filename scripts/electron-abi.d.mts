export function electronBinary(): string | null;
export function electronNativeBinding(): string;
