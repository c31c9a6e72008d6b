// Org entities (`\alpha`, `\to`, `\nbsp`, …: Org Syntax, "Entities", and its appendix listing the names of
// `org-entities`) → the character each stands for. A `\name` that is not listed here is a LaTeX fragment.

const PAIRS =
  // Latin
  'Agrave À agrave à Aacute Á aacute á Acirc Â acirc â Amacr Ā amacr ā Atilde Ã atilde ã Auml Ä auml ä Aring Å AA Å ' +
  'aring å AElig Æ aelig æ Ccedil Ç ccedil ç Egrave È egrave è Eacute É eacute é Ecirc Ê ecirc ê Euml Ë euml ë ' +
  'Igrave Ì igrave ì Iacute Í iacute í Idot İ inodot ı Icirc Î icirc î Iuml Ï iuml ï Ntilde Ñ ntilde ñ Ograve Ò ' +
  'ograve ò Oacute Ó oacute ó Ocirc Ô ocirc ô Otilde Õ otilde õ Ouml Ö ouml ö Oslash Ø oslash ø OElig Œ oelig œ ' +
  'Scaron Š scaron š szlig ß Ugrave Ù ugrave ù Uacute Ú uacute ú Ucirc Û ucirc û Uuml Ü uuml ü Yacute Ý yacute ý ' +
  'Yuml Ÿ yuml ÿ fnof ƒ real ℜ image ℑ weierp ℘ ell ℓ imath ı jmath ȷ ' +
  // Greek
  'Alpha Α alpha α Beta Β beta β Gamma Γ gamma γ Delta Δ delta δ Epsilon Ε epsilon ε varepsilon ε Zeta Ζ zeta ζ ' +
  'Eta Η eta η Theta Θ theta θ thetasym ϑ vartheta ϑ Iota Ι iota ι Kappa Κ kappa κ Lambda Λ lambda λ Mu Μ mu μ ' +
  'nu ν Nu Ν Xi Ξ xi ξ Omicron Ο omicron ο Pi Π pi π Rho Ρ rho ρ Sigma Σ sigma σ sigmaf ς varsigma ς Tau Τ ' +
  'Upsilon Υ upsih ϒ upsilon υ Phi Φ phi φ varphi φ Chi Χ chi χ acutex x́ Psi Ψ psi ψ tau τ Omega Ω omega ω ' +
  'piv ϖ varpi ϖ partial ∂ ' +
  // Hebrew, Icelandic
  'alefsym ℵ aleph ℵ gimel ℷ beth ℶ dalet ℸ ETH Ð eth ð THORN Þ thorn þ ' +
  // Punctuation
  'dots … cdots ⋯ hellip … middot · iexcl ¡ iquest ¿ shy \u00ad ndash – mdash — quot " acute ´ ldquo “ rdquo ” ' +
  'bdquo „ lsquo ‘ rsquo ’ sbquo ‚ laquo « raquo » lsaquo ‹ rsaquo › ' +
  // Other
  'circ ˆ vert | vbar | brvbar ¦ S § sect § amp & lt < gt > tilde ~ slash / plus + under _ equal = asciicirc ^ ' +
  'dagger † dag † Dagger ‡ ddag ‡ nbsp \u00a0 ensp \u2002 emsp \u2003 thinsp \u2009 curren ¤ cent ¢ pound £ ' +
  'yen ¥ euro € EUR € dollar $ USD $ copy © reg ® trade ™ minus − pm ± plusmn ± times × frasl ⁄ colon : div ÷ ' +
  'frac12 ½ frac14 ¼ frac34 ¾ permil ‰ sup1 ¹ sup2 ² sup3 ³ radic √ sum ∑ prod ∏ micro µ macr ¯ deg ° prime ′ ' +
  'Prime ″ infin ∞ infty ∞ prop ∝ propto ∝ not ¬ neg ¬ land ∧ wedge ∧ lor ∨ vee ∨ cap ∩ cup ∪ smile ⌣ frown ⌢ ' +
  'int ∫ therefore ∴ there4 ∴ because ∵ sim ∼ cong ≅ simeq ≃ asymp ≈ approx ≈ ne ≠ neq ≠ equiv ≡ triangleq ≜ ' +
  'le ≤ leq ≤ ge ≥ geq ≥ lessgtr ≶ lesseqgtr ⋚ ll ≪ Ll ⋘ lll ⋘ gg ≫ Gg ⋙ ggg ⋙ prec ≺ preceq ≼ preccurlyeq ≼ ' +
  'succ ≻ succeq ≽ succcurlyeq ≽ sub ⊂ subset ⊂ sup ⊃ supset ⊃ nsub ⊄ sube ⊆ nsup ⊅ supe ⊇ setminus ∖ ' +
  'forall ∀ exist ∃ exists ∃ nexist ∄ nexists ∄ empty ∅ emptyset ∅ isin ∈ in ∈ notin ∉ ni ∋ nabla ∇ ang ∠ ' +
  'angle ∠ perp ⊥ parallel ∥ sdot ⋅ cdot ⋅ lceil ⌈ rceil ⌉ lfloor ⌊ rfloor ⌋ lang ⟨ rang ⟩ langle ⟨ rangle ⟩ ' +
  'hbar ℏ mho ℧ larr ← leftarrow ← gets ← lArr ⇐ Leftarrow ⇐ uarr ↑ uparrow ↑ uArr ⇑ Uparrow ⇑ rarr → to → ' +
  'rightarrow → rArr ⇒ Rightarrow ⇒ darr ↓ downarrow ↓ dArr ⇓ Downarrow ⇓ harr ↔ leftrightarrow ↔ hArr ⇔ ' +
  'Leftrightarrow ⇔ crarr ↵ hookleftarrow ↵ bull • bullet • star ⋆ lowast ∗ ast * odot ⊙ oplus ⊕ otimes ⊗ ' +
  'check ✓ checkmark ✓ para ¶ ordf ª ordm º cedil ¸ oline ‾ uml ¨ zwnj \u200c zwj \u200d lrm \u200e rlm \u200f ' +
  'smiley ☺ blacksmile ☻ sad ☹ frowny ☹ clubs ♣ clubsuit ♣ spades ♠ spadesuit ♠ hearts ♥ heartsuit ♥ diams ◆ ' +
  'diamondsuit ◆ diamond ◆ Diamond ◆ loz ◊';

/** Function names (`\sin`, `\log`, …) stand for themselves. */
const NAMES =
  'arccos arcsin arctan arg cos cosh cot coth csc det dim exp gcd hom inf ker lg lim liminf limsup ln log max min ' +
  'Pr sec sin sinh tan tanh';

const ENTITIES = new Map<string, string>();
{
  const words = PAIRS.split(' ');
  for (let i = 0; i + 1 < words.length; i += 2) ENTITIES.set(words[i], words[i + 1]);
  for (const name of NAMES.split(' ')) ENTITIES.set(name, name);
}

/** The character of entity `name` (without its backslash), or undefined when Org has no such entity. */
export function entityChar(name: string): string | undefined {
  return ENTITIES.get(name);
}
